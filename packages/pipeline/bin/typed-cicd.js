#!/usr/bin/env node
// The file package.json's "bin" names: plain, committed JavaScript that loads the built bin. npm
// links a workspace's bin while installing, before `prepare` builds dist/, and links none whose
// file does not exist yet — with "bin": "dist/bin.js", `npm ci` here left no
// node_modules/.bin/typed-cicd. The import is computed so no tool resolves dist/ before it is built.
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
