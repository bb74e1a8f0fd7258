/**
 * Drift: the generated files in a checkout against what the source generates now. Tells apart a hand
 * edit, a stale file (generator output whose source has moved on), a missing file, an orphan, and a
 * workflow written by hand. A hand edit is a body that does not match its header's checksum, or one
 * the generator could not have written: emitting the committed YAML's own data again does not give
 * back the same bytes (a comment, quoting, key order or version comment changed). That catches an
 * edit whose checksum was recomputed; an edit of a value in generator form still reads as stale, and
 * the audit judges its content either way.
 */
import { parse } from "yaml";
import type { YamlValue } from "./emit-yaml";
import { checksum, parseHeader } from "./header";
import type { ExistingFile } from "./generated-files";
import { WORKFLOWS_DIR, type PlannedFile } from "./locations";
import { renderWorkflowBody } from "./render-body";
import type { Problem } from "./problem";
import { unifiedDiff } from "./unified-diff";

const FIX = "run `npm run gen:workflows` and commit the result";

/** Whether the generator would write exactly this YAML body for the data it holds. */
export function generatorForm(body: string): boolean {
  try {
    const data = parse(body) as unknown;
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      return false;
    }
    return renderWorkflowBody(data as { [key: string]: YamlValue }) === body;
  } catch {
    return false;
  }
}

function handEditOf(path: string, content: string): string | undefined {
  const header = parseHeader(content);
  if (!header) return "its generated header is gone";
  if (checksum(header.body) !== header.checksum) {
    return "the body no longer matches its checksum";
  }
  if (path.endsWith(".yml") && !generatorForm(header.body)) {
    return "its checksum was recomputed, but the generator never writes this text";
  }
  return undefined;
}

/**
 * `kept`: workflow files pipeline.config.ts keeps hand-written (keepWorkflows), by path under
 * .github/workflows/: not reported as written by hand.
 */
export function driftProblems(
  planned: readonly PlannedFile[],
  existing: readonly ExistingFile[],
  kept: readonly string[] = [],
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
    const handEdited = handEditOf(file.path, content);
    const detail = unifiedDiff(content, file.content, {
      from: `${file.path} (committed)`,
      to: `${file.path} (generated from ${file.source})`,
    });
    problems.push(
      handEdited
        ? {
            file: file.path,
            rule: "drift-hand-edited",
            message: `edited by hand (${handEdited}): generated files change only through ${file.source} — move the edit there, then ${FIX}`,
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
    } else if (
      file.path.startsWith(`${WORKFLOWS_DIR}/`) &&
      !kept.includes(file.path)
    ) {
      problems.push({
        file: file.path,
        rule: "drift-not-generated",
        message:
          "written by hand: every workflow comes from workflows-src/ — define it there (workflows-src/index.ts) and delete this file, or keep it in workflows-src/pipeline.config.ts keepWorkflows",
      });
    }
  }
  return problems;
}
