/**
 * The audit as gen:workflows applies it: to the workflow files it is about to write, one line per
 * finding naming the TypeScript source to change. Loaded only when something is to be written, so
 * a generation with nothing to do never loads the YAML parser.
 */
import type { PlannedFile } from "../plan";
import { WORKFLOWS_DIR } from "../plan";
import { auditFile } from "./audit";
import { formatFinding } from "./audit-files";
import type { PolicyContext } from "./context";

export function policyErrors(
  planned: readonly PlannedFile[],
  ctx: PolicyContext,
): string[] {
  const errors: string[] = [];
  for (const file of planned) {
    if (!file.path.startsWith(`${WORKFLOWS_DIR}/`)) continue;
    const result = auditFile(file.path, file.content, ctx, "workflow");
    const problems = result.ok ? result.findings : [result.problem];
    for (const problem of problems) {
      errors.push(`${file.source}: ${formatFinding(problem)}`);
    }
  }
  return errors;
}
