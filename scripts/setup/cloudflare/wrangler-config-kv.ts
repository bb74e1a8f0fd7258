/**
 * Reads and writes `env.<name>.kv_namespaces[binding].id` in wrangler.jsonc with jsonc-parser, so
 * comments and layout stay — only the id changes (as wrangler-config-edit.ts does for D1).
 */
import { applyEdits, modify, parse, type ParseError } from "jsonc-parser";

interface KvEntry {
  binding?: unknown;
  id?: unknown;
}

function kvIndex(
  text: string,
  wranglerEnv: string,
  binding: string,
  file: string,
): { index: number; entry: KvEntry } {
  const errors: ParseError[] = [];
  const config = parse(text, errors, { allowTrailingComma: true }) as {
    env?: Record<string, { kv_namespaces?: KvEntry[] }>;
  };
  if (errors.length > 0)
    throw new Error(
      `${file}: not valid JSONC (offset ${errors[0]?.offset}) — fix the syntax first`,
    );
  const entries = config.env?.[wranglerEnv]?.kv_namespaces;
  const index = Array.isArray(entries)
    ? entries.findIndex((e) => e.binding === binding)
    : -1;
  if (!Array.isArray(entries) || index === -1)
    throw new Error(
      `${file}: env.${wranglerEnv}.kv_namespaces has no entry with binding "${binding}" — add { "binding": "${binding}", "id": "" } (npm run init writes it)`,
    );
  return { index, entry: entries[index] as KvEntry };
}

export function readKvNamespaceId(
  text: string,
  wranglerEnv: string,
  binding: string,
  file = "wrangler.jsonc",
): string | undefined {
  const { entry } = kvIndex(text, wranglerEnv, binding, file);
  return typeof entry.id === "string" && entry.id !== "" ? entry.id : undefined;
}

export function writeKvNamespaceId(
  text: string,
  wranglerEnv: string,
  binding: string,
  id: string,
  file = "wrangler.jsonc",
): string {
  const { index } = kvIndex(text, wranglerEnv, binding, file);
  const edits = modify(
    text,
    ["env", wranglerEnv, "kv_namespaces", index, "id"],
    id,
    { formattingOptions: { insertSpaces: true, tabSize: 2 } },
  );
  return applyEdits(text, edits);
}
