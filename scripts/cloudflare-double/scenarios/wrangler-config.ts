/**
 * The few facts a scenario needs from wrangler.jsonc — an env's Worker name and D1 database —
 * read from the file the CLIs use, so the double is seeded with exactly what the config names.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";

/** JSONC → JSON: drops comments outside strings and trailing commas. */
export function stripJsonc(text: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (inString) {
      out += ch;
      if (ch === "\\") {
        out += text[i + 1] ?? "";
        i += 1;
      } else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i += 1;
      out += "\n";
    } else if (ch === "/" && text[i + 1] === "*") {
      i = text.indexOf("*/", i + 2) + 1;
      if (i === 0) break;
    } else out += ch;
  }
  return out.replace(/,(\s*[}\]])/g, "$1");
}

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
