/**
 * Drift: the generated files in a checkout against what the source generates now. Tells apart a hand
 * edit (the body no longer matches the checksum in its header), a stale file (it matches its
 * checksum, the source has moved on), a missing file, an orphan, and a workflow written by hand.
 */
import { checksum, parseHeader } from "./header";
import type { ExistingFile } from "./generated-files";
import type { PlannedFile } from "./plan";
import { WORKFLOWS_DIR } from "./plan";
import type { Problem } from "./problem";
import { unifiedDiff } from "./unified-diff";

const FIX = "run `npm run gen:workflows` and commit the result";

export function driftProblems(
  planned: readonly PlannedFile[],
  existing: readonly ExistingFile[],
): Problem[] {
  const problems: Problem[] = [];
  const current = new Map(existing.map((f) => [f.path, f.content]));
  const wanted = new Set(planned.map((f) => f.path));
  for (const file of planned) {
    const content = current.get(file.path);
    if (content === undefined) {
      problems.push({
        file: file.path,
        rule: "drift-missing",
        message: `missing: ${file.source} defines it but the file does not exist — ${FIX}`,
      });
      continue;
    }
    if (content === file.content) continue;
    const header = parseHeader(content);
    const handEdited = !header || checksum(header.body) !== header.checksum;
    const detail = unifiedDiff(content, file.content, {
      from: `${file.path} (committed)`,
      to: `${file.path} (generated from ${file.source})`,
    });
    problems.push(
      handEdited
        ? {
            file: file.path,
            rule: "drift-hand-edited",
            message: `edited by hand: generated files change only through ${file.source} — move the edit there, then ${FIX}`,
            detail,
          }
        : {
            file: file.path,
            rule: "drift-stale",
            message: `stale: ${file.source} changed but the file was not regenerated — ${FIX}`,
            detail,
          },
    );
  }
  for (const file of existing) {
    if (wanted.has(file.path)) continue;
    const header = parseHeader(file.content);
    if (header) {
      problems.push({
        file: file.path,
        rule: "drift-orphan",
        message: `orphan: generated from ${header.source}, which no longer emits it — ${FIX} (it deletes orphans)`,
      });
    } else if (file.path.startsWith(`${WORKFLOWS_DIR}/`)) {
      problems.push({
        file: file.path,
        rule: "drift-not-generated",
        message:
          "written by hand: every workflow comes from workflows-src/ — define it there (workflows-src/index.ts) and delete this file",
      });
    }
  }
  return problems;
}
