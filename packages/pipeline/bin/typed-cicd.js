#!/usr/bin/env node
// The file package.json's "bin" names: plain, committed JavaScript. Installed from the package, it
// loads the built bin (dist/bin.js). A checkout's own launcher (this file outside any node_modules:
// the pipeline's repository links its workspace here, and its deploy toolset links it too), run
// where the working directory's repository holds packages/pipeline/bin.ts (which the package does
// not ship), runs that repository's sources through tsx instead — so this repository's package
// scripts call the same `typed-cicd <command>` adopters call, and an edit needs no rebuild. An
// installed launcher never does: a pull request adding packages/pipeline/bin.ts to an adopter's
// repository must not change what its deploy job runs. npm links a workspace's bin while
// installing, before `prepare` builds dist/; the built import is computed so no tool resolves dist/
// before it is built.
import { existsSync, realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository of the working directory (nearest package.json), if it is the pipeline's own. */
function pipelineSources() {
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) {
      const bin = path.join(dir, "packages", "pipeline", "bin.ts");
      return existsSync(bin) ? dir : undefined;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Installed packages live under a node_modules directory (npm, pnpm's store alike). */
function installed() {
  const self = realpathSync(fileURLToPath(import.meta.url));
  return self.split(path.sep).includes("node_modules");
}

const sources = installed() ? undefined : pipelineSources();
if (sources !== undefined) {
  // zod and yaml through Node's own loader first (preload.mjs): tsx then finds them loaded.
  const preload = pathToFileURL(
    path.join(sources, "scripts", "workflows", "preload.mjs"),
  );
  await import(`${preload.href}?zod,yaml`);
  const { register } = await import("tsx/esm/api");
  register();
  globalThis[Symbol.for("typed-cicd.tsx")] = true;
  await import(
    pathToFileURL(path.join(sources, "packages", "pipeline", "bin.ts")).href
  );
} else {
  const built = new URL("../dist/bin.js", import.meta.url);
  try {
    await import(built.href);
  } catch (error) {
    if (error?.code === "ERR_MODULE_NOT_FOUND" && error.url === built.href) {
      console.error(
        "typed-cicd: the package is not built (no dist/bin.js) — run npm run build:pipeline",
      );
      process.exit(1);
    }
    throw error;
  }
}
