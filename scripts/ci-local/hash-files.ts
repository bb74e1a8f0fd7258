/**
 * hashFiles() as the runner computes it: sha-256 of each matching file, fed in order into one
 * sha-256; '' when nothing matches. Patterns are paths relative to the workspace (ci:local refuses
 * globs rather than guess at their matching rules).
 * https://docs.github.com/en/actions/reference/workflows-and-actions/expressions#hashfiles
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { ExpressionError } from "./expression";

export function hashFiles(
  workspace: string,
  patterns: readonly string[],
): string {
  const total = createHash("sha256");
  let any = false;
  for (const pattern of patterns) {
    if (/[*?[\]{}!]/.test(pattern)) {
      throw new ExpressionError(
        `hashFiles('${pattern}'): globs are not emulated by ci:local — name the files`,
      );
    }
    const file = path.resolve(workspace, pattern);
    if (!existsSync(file) || !statSync(file).isFile()) continue;
    total.update(createHash("sha256").update(readFileSync(file)).digest());
    any = true;
  }
  return any ? total.digest("hex") : "";
}
