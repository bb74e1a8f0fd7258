/**
 * One generation over a checkout: load the definitions, plan every file, audit every planned
 * workflow, then write. Any failure before the write — an invalid definition or a workflow that
 * breaks the policy — leaves the checkout untouched.
 */
import type { WorkflowDefinition } from "../../workflows-src/builders/workflow";
import {
  applySync,
  planSync,
  readGeneratedLocations,
  type SyncPlan,
} from "./generated-files";
import { loadDefinitions } from "./load-definitions";
import { planFiles, WORKFLOWS_DIR, type PlannedFile } from "./plan";
import { auditFile } from "./policy/audit";
import { formatFinding } from "./policy/audit-files";
import { policyContext, type PolicyContext } from "./policy/context";

export type GenerateResult =
  | { readonly ok: true; readonly plan: SyncPlan }
  | { readonly ok: false; readonly errors: readonly string[] };

/** One line per finding, naming the TypeScript source to change: gen never writes these. */
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

export async function generate(
  root: string,
  load?: () => Promise<{ workflows: readonly WorkflowDefinition[] }>,
  ctx: PolicyContext = policyContext(root),
): Promise<GenerateResult> {
  let plan: SyncPlan;
  try {
    const planned = planFiles(await loadDefinitions(load));
    const errors = policyErrors(planned, ctx);
    if (errors.length > 0) return { ok: false, errors };
    plan = planSync(planned, readGeneratedLocations(root));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: message.split("\n") };
  }
  applySync(root, plan);
  return { ok: true, plan };
}
