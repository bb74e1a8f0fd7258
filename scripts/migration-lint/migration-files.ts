import { readdirSync } from "node:fs";
import { isAbsolute, join, resolve, sep } from "node:path";
import { InputError } from "./input-error";

function leadingNumber(name: string): number {
  return Number.parseInt(name.split("_")[0] ?? "", 10);
}

/** The order wrangler applies migrations in: by leading number, numbered first, then by name. */
export function compareMigrationNames(a: string, b: string): number {
  const aNumber = leadingNumber(a);
  const bNumber = leadingNumber(b);
  const aNumbered = Number.isFinite(aNumber);
  const bNumbered = Number.isFinite(bNumber);
  if (aNumbered && bNumbered && aNumber !== bNumber) return aNumber - bNumber;
  if (aNumbered !== bNumbered) return aNumbered ? -1 : 1;
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

function readDir(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new InputError(
      `${dir}: cannot read the migrations directory (${code}) — create it, or fix migrations_dir in wrangler.jsonc`,
    );
  }
}

/** Every `.sql` file directly in `dir` (wrangler's default `*.sql` pattern), in apply order. */
export function listMigrationFiles(dir: string): string[] {
  const names = readDir(dir)
    .filter((entry) => entry.isFile() && entry.name.endsWith(".sql"))
    .map((entry) => entry.name);
  return names.sort(compareMigrationNames).map((name) => join(dir, name));
}

/** `.sql` files under `dir`, as paths relative to it with `/` separators, at most `depth` folders deep. */
function sqlFilesUnder(dir: string, depth: number, prefix = ""): string[] {
  const found: string[] = [];
  for (const entry of readDir(join(dir, prefix))) {
    const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isFile() && entry.name.endsWith(".sql")) found.push(path);
    else if (entry.isDirectory() && depth > 0 && entry.name !== "node_modules")
      found.push(...sqlFilesUnder(dir, depth - 1, path));
  }
  return found;
}

/** A wrangler-style glob (`*` and `?` within one path segment, `**` across segments) as a RegExp. */
export function globToRegExp(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i += 1) {
    const ch = glob.charAt(i);
    if (glob.startsWith("**/", i)) {
      source += "(?:.*/)?";
      i += 2;
    } else if (glob.startsWith("**", i)) {
      source += ".*";
      i += 1;
    } else if (ch === "*") source += "[^/]*";
    else if (ch === "?") source += "[^/]";
    else source += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

const toPosix = (path: string): string => path.split(sep).join("/");

/**
 * The migrations wrangler applies for `migrations_dir` (absolute, or relative to `configDir`) and
 * `migrations_pattern` (a glob relative to `configDir`, default `<dir>/*.sql`), in apply order.
 * A folder holding `.sql` files of which none matches is an input error, never "0 files, passed".
 */
export function listConfiguredMigrations(
  configDir: string,
  dir: string,
  pattern: string | undefined,
): string[] {
  // Relative paths stay relative (findings and ::error annotations name repository paths).
  const root = isAbsolute(dir) ? dir : join(configDir, dir);
  if (pattern === undefined) {
    const files = listMigrationFiles(root);
    const nested = sqlFilesUnder(root, 2);
    if (files.length === 0 && nested.length > 0) {
      throw new InputError(
        `${root}: ${nested.length} .sql file(s) in sub-folders (e.g. ${nested[0]}) but none directly in it, so wrangler applies nothing — set "migrations_pattern" (e.g. "${toPosix(join(dir, "*/migration.sql"))}") on the D1 binding`,
      );
    }
    return files;
  }
  const absolutePattern = isAbsolute(pattern)
    ? toPosix(pattern)
    : toPosix(resolve(configDir, pattern));
  const matcher = globToRegExp(absolutePattern);
  const all = sqlFilesUnder(root, 4);
  const matched = all.filter((path) =>
    matcher.test(toPosix(resolve(root, path))),
  );
  if (matched.length === 0 && all.length > 0) {
    throw new InputError(
      `${root}: ${all.length} .sql file(s) (e.g. ${all[0]}) but none matches migrations_pattern "${pattern}" (relative to ${configDir}) — fix the pattern so it names the files wrangler should apply`,
    );
  }
  return matched.sort(compareMigrationNames).map((path) => join(root, path));
}
