import { readFileSync } from "node:fs";
import { wranglerConfigPath } from "../cli/wrangler-config-file";
import { z } from "zod";
import { InputError } from "./input-error";
import { stripJsonc } from "./strip-jsonc";

/** wrangler's default when a D1 binding sets no migrations_dir. */
export const defaultMigrationsDir = "migrations";

const wranglerConfigSchema = z.looseObject({
  d1_databases: z
    .array(
      z.looseObject({
        binding: z.string(),
        migrations_dir: z.string().min(1).optional(),
        migrations_pattern: z.string().min(1).optional(),
      }),
    )
    .optional(),
});

export interface MigrationsConfig {
  /** As written: relative to the config file's folder, or absolute. */
  readonly dir: string;
  /** wrangler's glob (relative to the config file's folder); undefined means `<dir>/*.sql`. */
  readonly pattern?: string;
}

/**
 * The migrations directory (relative to the config file) of the top-level config's D1 binding:
 * the one named `binding`, else the only/first one.
 */
export function migrationsDirFromConfig(
  text: string,
  configPath: string,
  binding: string,
): string {
  return migrationsConfig(text, configPath, binding).dir;
}

/** `migrations_dir` and `migrations_pattern` of the binding, as wrangler reads them. */
export function migrationsConfig(
  text: string,
  configPath: string,
  binding: string,
): MigrationsConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(stripJsonc(text));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(
      `${configPath}: not valid JSONC (${reason}) — fix the syntax, e.g. a missing comma or quote`,
    );
  }
  const parsed = wranglerConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") ?? "";
    throw new InputError(
      `${configPath}: ${field || "top level"}: ${issue?.message ?? "invalid"} — see https://developers.cloudflare.com/workers/wrangler/configuration/#d1-databases`,
    );
  }
  const databases = parsed.data.d1_databases ?? [];
  const database =
    databases.find((db) => db.binding === binding) ?? databases[0];
  if (database === undefined) {
    throw new InputError(
      `${configPath}: d1_databases: no D1 database configured — add one with "migrations_dir", or pass migration files as arguments`,
    );
  }
  const dir = database.migrations_dir ?? defaultMigrationsDir;
  return database.migrations_pattern === undefined
    ? { dir }
    : { dir, pattern: database.migrations_pattern };
}

/** `migrations_dir` of `binding` in root's wrangler config, relative to root, as wrangler applies it. */
export function migrationsDirIn(root: string, binding: string): string {
  const configPath = wranglerConfigPath(root);
  return migrationsConfig(readFileSync(configPath, "utf8"), configPath, binding)
    .dir;
}
