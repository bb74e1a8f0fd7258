/**
 * One generation over a checkout: load the definitions, plan every file, audit every workflow about
 * to be written, then write. Any failure before the write — an invalid definition or a workflow that
 * breaks the policy — leaves the checkout untouched. Files left unchanged are not audited again
 * here (check:workflows audits every committed file), which keeps a no-op generation fast.
 */
import type { WorkflowDefinition } from "../../workflows-src/builders/workflow";
import {
  applySync,
  planSync,
  readGeneratedLocations,
  type SyncPlan,
} from "./generated-files";
import { loadDefinitions } from "./load-definitions";
import { planFiles, WORKFLOWS_DIR } from "./plan";
import type { PolicyContext } from "./policy/context";

export type GenerateResult =
  | { readonly ok: true; readonly plan: SyncPlan }
  | { readonly ok: false; readonly errors: readonly string[] };

export async function generate(
  root: string,
  load?: () => Promise<{ workflows: readonly WorkflowDefinition[] }>,
  ctx?: PolicyContext,
): Promise<GenerateResult> {
  let plan: SyncPlan;
  try {
    const planned = planFiles(await loadDefinitions(load));
    plan = planSync(planned, readGeneratedLocations(root));
    if (plan.write.some((f) => f.path.startsWith(`${WORKFLOWS_DIR}/`))) {
      const [{ policyErrors }, { policyContext }] = await Promise.all([
        import("./policy/gen-audit"),
        import("./policy/context"),
      ]);
      const errors = policyErrors(plan.write, ctx ?? policyContext(root));
      if (errors.length > 0) return { ok: false, errors };
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: message.split("\n") };
  }
  applySync(root, plan);
  return { ok: true, plan };
}
