/**
 * The header every generated file starts with. It names the source and the regenerate command for
 * humans, marks the file as ours (only marked files are ever deleted as orphans), and records a
 * checksum of the body so the check can tell a hand edit (body no longer matches its checksum) from a
 * stale file (body matches, but the source has moved on).
 */
import { createHash } from "node:crypto";

/**
 * The script that regenerates, by its package.json name: the same words in an npm and a pnpm
 * repository (`npm run …` or `pnpm run …` is the reader's).
 */
export const REGENERATE = "the gen:workflows script";

export type FileKind = "yaml" | "markdown";

// Earlier headers said `npm run gen:workflows`: still ours, so regenerated rather than refused.
const FIRST_LINE =
  /^(?:# |<!-- )Generated from (\S+) by (?:`npm run gen:workflows`|the gen:workflows script) — DO NOT EDIT\.(?: -->)?$/;
const CHECKSUM_LINE = /^(?:# |<!-- )checksum: ([0-9a-f]{16})(?: -->)?$/;

export function checksum(body: string): string {
  return createHash("sha256").update(body).digest("hex").slice(0, 16);
}

export function withHeader(
  kind: FileKind,
  source: string,
  body: string,
): string {
  const sum = checksum(body);
  const lines =
    kind === "yaml"
      ? [
          `# Generated from ${source} by ${REGENERATE} — DO NOT EDIT.`,
          "# Change the source and regenerate; the check:workflows script fails on hand edits.",
          `# checksum: ${sum}`,
        ]
      : [
          `<!-- Generated from ${source} by ${REGENERATE} — DO NOT EDIT. -->`,
          `<!-- checksum: ${sum} -->`,
        ];
  return `${lines.join("\n")}\n\n${body}`;
}

export interface ParsedHeader {
  source: string;
  checksum: string;
  body: string;
}

/** Undefined when the file does not carry our header (then it is not ours to judge or delete). */
export function parseHeader(text: string): ParsedHeader | undefined {
  const lines = text.split("\n");
  const first = FIRST_LINE.exec(lines[0] ?? "");
  if (!first) return undefined;
  const index = lines.findIndex(
    (line, i) => i > 0 && i < 4 && CHECKSUM_LINE.test(line),
  );
  if (index < 0) return { source: first[1] ?? "", checksum: "", body: "" };
  const sum = CHECKSUM_LINE.exec(lines[index] ?? "")?.[1] ?? "";
  // The header ends with one blank line; the body is everything after it.
  const body = lines.slice(index + 2).join("\n");
  return { source: first[1] ?? "", checksum: sum, body };
}

export function isGenerated(text: string): boolean {
  return FIRST_LINE.test(text.split("\n", 1)[0] ?? "");
}
