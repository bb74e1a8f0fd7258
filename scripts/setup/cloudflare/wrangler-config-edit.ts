/**
 * Reads and writes `env.<name>.d1_databases[binding].database_id` in wrangler.jsonc with a JSONC
 * editor (jsonc-parser), so comments, trailing commas and layout stay as they are — only the id's
 * string changes.
 */
import { applyEdits, modify, parse, type ParseError } from "jsonc-parser";

interface D1Entry {
  binding?: unknown;
  database_name?: unknown;
  database_id?: unknown;
}

function d1Entries(text: string, wranglerEnv: string, file: string): D1Entry[] {
  const errors: ParseError[] = [];
  const config = parse(text, errors, { allowTrailingComma: true }) as {
    env?: Record<string, { d1_databases?: D1Entry[] }>;
  };
  if (errors.length > 0) {
    throw new Error(
      `${file}: not valid JSONC (offset ${errors[0]?.offset}) — fix the syntax first`,
    );
  }
  const entries = config.env?.[wranglerEnv]?.d1_databases;
  if (!Array.isArray(entries)) {
    throw new Error(
      `${file}: env.${wranglerEnv}.d1_databases is missing — add the env block (see docs/deployment/environments-guide.md)`,
    );
  }
  return entries;
}

function indexOfBinding(
  entries: D1Entry[],
  binding: string,
  where: string,
): number {
  const index = entries.findIndex((entry) => entry.binding === binding);
  if (index === -1) {
    throw new Error(`${where}: no entry with binding "${binding}" — add one`);
  }
  return index;
}

export function readDatabaseId(
  text: string,
  wranglerEnv: string,
  binding: string,
  file = "wrangler.jsonc",
): string | undefined {
  const entries = d1Entries(text, wranglerEnv, file);
  const entry =
    entries[
      indexOfBinding(
        entries,
        binding,
        `${file}: env.${wranglerEnv}.d1_databases`,
      )
    ];
  return typeof entry?.database_id === "string" ? entry.database_id : undefined;
}

export function writeDatabaseId(
  text: string,
  wranglerEnv: string,
  binding: string,
  databaseId: string,
  file = "wrangler.jsonc",
): string {
  const entries = d1Entries(text, wranglerEnv, file);
  const index = indexOfBinding(
    entries,
    binding,
    `${file}: env.${wranglerEnv}.d1_databases`,
  );
  const edits = modify(
    text,
    ["env", wranglerEnv, "d1_databases", index, "database_id"],
    databaseId,
    { formattingOptions: { insertSpaces: true, tabSize: 2 } },
  );
  return applyEdits(text, edits);
}
