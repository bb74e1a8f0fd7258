import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { InputError } from "./input-error";
import type { MigrationSource } from "./lint-migrations";
import { listConfiguredMigrations } from "./migration-files";
import { migrationsConfig } from "./wrangler-config";

function readText(path: string, what: string, fix: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new InputError(`${path}: cannot read ${what} (${code}) — ${fix}`);
  }
}

/** The files to lint: those given, or every migration in the configured directory. */
export function migrationPaths(
  files: readonly string[],
  wranglerConfig: string,
  binding: string,
): string[] {
  if (files.length > 0) return [...files];
  const text = readText(
    wranglerConfig,
    "the wrangler config",
    "run from the project root or pass --config <path>",
  );
  const { dir, pattern } = migrationsConfig(text, wranglerConfig, binding);
  return listConfiguredMigrations(dirname(wranglerConfig), dir, pattern);
}

export function readSources(paths: readonly string[]): MigrationSource[] {
  return paths.map((file) => ({
    file,
    sql: readText(
      file,
      "the migration file",
      "check the path and its permissions",
    ),
  }));
}
