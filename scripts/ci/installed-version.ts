/**
 * The version of a package as installed in node_modules (not as written in package.json, which may
 * be a range). CI keys caches on it at run time, so the generated YAML never carries a version and
 * a dependency bump cannot make it stale.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const SEMVER = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;

export function installedVersion(root: string, name: string): string {
  const require = createRequire(path.join(root, "package.json"));
  let manifestPath: string;
  try {
    manifestPath = require.resolve(`${name}/package.json`);
  } catch {
    throw new Error(
      `${name}: not installed under ${path.join(root, "node_modules")} — run npm ci first`,
    );
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    version?: unknown;
  };
  if (typeof manifest.version !== "string" || !SEMVER.test(manifest.version)) {
    throw new Error(
      `${manifestPath}: version ${JSON.stringify(manifest.version)} is not a semantic version — reinstall with npm ci`,
    );
  }
  return manifest.version;
}
