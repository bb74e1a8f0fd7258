/**
 * The few facts a scenario needs from wrangler.jsonc — an env's Worker name and D1 database —
 * read from the file the CLIs use, so the double is seeded with exactly what the config names.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { stripJsonc } from "../../migration-lint/strip-jsonc";

const d1Schema = z.object({
  binding: z.string(),
  database_name: z.string(),
  database_id: z.string(),
});
const configSchema = z.looseObject({
  name: z.string(),
  env: z
    .record(
      z.string(),
      z.looseObject({
        name: z.string().optional(),
        d1_databases: z.array(d1Schema).default([]),
      }),
    )
    .default({}),
});

export interface EnvTarget {
  readonly workerName: string;
  readonly databaseName: string;
  readonly databaseId: string;
}

export function readEnvTarget(
  file: string,
  env: string,
  binding = "DB",
): EnvTarget {
  const config = configSchema.parse(
    JSON.parse(stripJsonc(readFileSync(file, "utf8"))),
  );
  const section = config.env[env];
  const db = section?.d1_databases.find((d) => d.binding === binding);
  if (section === undefined || db === undefined)
    throw new Error(
      `${file}: env.${env} has no d1_databases entry with binding ${binding}`,
    );
  return {
    workerName: section.name ?? `${config.name}-${env}`,
    databaseName: db.database_name,
    databaseId: db.database_id,
  };
}
