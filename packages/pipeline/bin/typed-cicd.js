#!/usr/bin/env node
// The file package.json's "bin" names: plain, committed JavaScript. Installed from the package, it
// loads the built bin (dist/bin.js). Run in the pipeline's own repository (or a copy of it: the
// repository of the working directory holds packages/pipeline/bin.ts, which the package does not
// ship), it runs that repository's sources through tsx instead — what `node --import tsx` of its
// scripts ran before — so this repository's package scripts call the same `typed-cicd <command>`
// adopters call, and an edit needs no rebuild. npm links a workspace's bin while installing, before
// `prepare` builds dist/; the built import is computed so no tool resolves dist/ before it is built.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

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

const sources = pipelineSources();
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
