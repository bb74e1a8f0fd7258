import { readdirSync } from "node:fs";
import { join } from "node:path";
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

/** Every `.sql` file directly in `dir` (wrangler's default `*.sql` pattern), in apply order. */
export function listMigrationFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith(".sql"))
      .map((entry) => entry.name);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new InputError(
      `${dir}: cannot read the migrations directory (${code}) — create it, or fix migrations_dir in wrangler.jsonc`,
    );
  }
  return names.sort(compareMigrationNames).map((name) => join(dir, name));
}
