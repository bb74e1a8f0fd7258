/**
 * Reads and edits workflows-src/actions.ts as text, so an update changes only the two string
 * literals of a pin and keeps the file's layout, comments and formatting exactly as they were.
 */

export const CATALOG_FILE = "workflows-src/actions.ts";

export interface CatalogEntry {
  /** The key in `actions` (what builders pass to actionRef). */
  readonly key: string;
  readonly repo: string;
  readonly sha: string;
  readonly version: string;
  /** 1-based line of the entry's `sha:` field, for annotations. */
  readonly line: number;
}

interface Located extends CatalogEntry {
  readonly start: number;
  readonly end: number;
}

const OPEN = "export const actions = {";
const CLOSE = /\n\}\s*as const/;
const ENTRY = /(\w+):\s*\{([^{}]*)\}/g;
const FIELD = /\b(repo|sha|version):\s*"([^"\\]*)"/g;

function locate(text: string): Located[] {
  const open = text.indexOf(OPEN);
  const close = open < 0 ? -1 : text.slice(open).search(CLOSE);
  if (open < 0 || close < 0) {
    throw new Error(
      `${CATALOG_FILE}: no \`${OPEN} … } as const\` found — keep the catalog's declaration as it is`,
    );
  }
  const bodyStart = open + OPEN.length;
  const body = text.slice(bodyStart, open + close);
  const entries: Located[] = [];
  for (const match of body.matchAll(ENTRY)) {
    const [whole, key = "", fields = ""] = match;
    const start = bodyStart + (match.index ?? 0);
    const values: Record<string, string> = {};
    let shaOffset = 0;
    for (const field of fields.matchAll(FIELD)) {
      values[field[1] ?? ""] = field[2] ?? "";
      if (field[1] === "sha") {
        shaOffset = whole.indexOf("{") + 1 + (field.index ?? 0);
      }
    }
    for (const name of ["repo", "sha", "version"]) {
      if (values[name] === undefined) {
        throw new Error(
          `${CATALOG_FILE}: actions.${key}.${name}: missing — every entry has repo, sha and version as string literals`,
        );
      }
    }
    if (!/^[0-9a-f]{40}$/.test(values["sha"] ?? "")) {
      throw new Error(
        `${CATALOG_FILE}: actions.${key}.sha: "${values["sha"]}" is not a full 40-hex commit SHA`,
      );
    }
    entries.push({
      key,
      repo: values["repo"] ?? "",
      sha: values["sha"] ?? "",
      version: values["version"] ?? "",
      line: text.slice(0, start + shaOffset).split("\n").length,
      start,
      end: start + whole.length,
    });
  }
  if (entries.length === 0) {
    throw new Error(`${CATALOG_FILE}: the actions catalog has no entries`);
  }
  return entries;
}

export function parseCatalog(text: string): CatalogEntry[] {
  return locate(text).map(({ start: _s, end: _e, ...entry }) => entry);
}

/** Replaces one entry's sha and version literals; everything else stays byte for byte. */
export function setPin(
  text: string,
  key: string,
  pin: { readonly sha: string; readonly version: string },
): string {
  if (!/^[0-9a-f]{40}$/.test(pin.sha)) {
    throw new Error(
      `${CATALOG_FILE}: actions.${key}: "${pin.sha}" is not a full commit SHA`,
    );
  }
  if (!/^[\w.+-]+$/.test(pin.version)) {
    throw new Error(
      `${CATALOG_FILE}: actions.${key}: "${pin.version}" is not a tag name`,
    );
  }
  const entry = locate(text).find((e) => e.key === key);
  if (!entry) {
    throw new Error(`${CATALOG_FILE}: actions.${key}: no such entry`);
  }
  const block = text
    .slice(entry.start, entry.end)
    .replace(/(\bsha:\s*")[^"]*"/, `$1${pin.sha}"`)
    .replace(/(\bversion:\s*")[^"]*"/, `$1${pin.version}"`);
  return text.slice(0, entry.start) + block + text.slice(entry.end);
}
