/**
 * The one place that names a repository's wrangler config files, in wrangler's own lookup order
 * (wrangler 4's findWranglerConfig tries wrangler.json, then wrangler.jsonc, then wrangler.toml), so
 * the file init edits and release, migrate, setup and the migration gate read is the one wrangler
 * deploys with. TOML is found but not read: JSON and JSONC share one parser and one editor.
 */
import { existsSync } from "node:fs";
import path from "node:path";

export const WRANGLER_FILES = [
  "wrangler.json",
  "wrangler.jsonc",
  "wrangler.toml",
] as const;

export type WranglerFile = (typeof WRANGLER_FILES)[number];

/** The fix for a TOML config, in the one line that refuses it. */
export const TOML_FIX =
  "convert it to wrangler.jsonc (same keys): `typed-cicd init` does it with the app's own wrangler";

/** The first of WRANGLER_FILES that `exists` (repository-relative names); undefined: none. */
export function findWranglerFile(
  exists: (file: string) => boolean,
): WranglerFile | undefined {
  return WRANGLER_FILES.find(exists);
}

/**
 * The absolute path of the JSON or JSONC wrangler config at `root`; throws one line naming the fix
 * when there is none or it is TOML.
 */
export function wranglerConfigPath(root: string): string {
  const file = findWranglerFile((name) => existsSync(path.join(root, name)));
  if (file === undefined)
    throw new Error(
      `${root}: no wrangler.json or wrangler.jsonc — add the Worker's wrangler config (or run the command from the repository that has it)`,
    );
  if (file === "wrangler.toml")
    throw new Error(`${path.join(root, file)}: TOML is not read — ${TOML_FIX}`);
  return path.join(root, file);
}
