/** The migrations a checkout's wrangler config makes wrangler apply, with their SQL, in apply order. */
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { D1_BINDING } from "../../workflows-src/builders/environment-model";
import { listConfiguredMigrations } from "../migration-lint/migration-files";
import { wranglerConfigPath } from "../cli/wrangler-config-file";
import { migrationsConfig } from "../migration-lint/wrangler-config";
import type { MigrationFile } from "./new-migrations";

export interface CheckoutMigrations {
  /** migrations_dir as the config writes it (relative to the checkout). */
  readonly dir: string;
  readonly files: readonly MigrationFile[];
}

export function checkoutMigrations(checkout: string): CheckoutMigrations {
  // Throws one line when the checkout has none: the check reads its D1 binding's migrations_dir.
  const configPath = wranglerConfigPath(checkout);
  const config = migrationsConfig(
    readFileSync(configPath, "utf8"),
    configPath,
    D1_BINDING,
  );
  if (!existsSync(join(checkout, config.dir)))
    return { dir: config.dir, files: [] };
  const files = listConfiguredMigrations(checkout, config.dir, config.pattern);
  return {
    dir: config.dir,
    files: files.map((path) => ({
      file: relative(checkout, path),
      sql: readFileSync(path, "utf8"),
    })),
  };
}
