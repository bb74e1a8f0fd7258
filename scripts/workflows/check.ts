/**
 * The whole check over one checkout: drift of every generated file, then actionlint and the
 * workflow policy (the audit) on every workflow file actually present (hand-written ones included)
 * and on every composite action under .github/actions/.
 */
import type { WorkflowDefinition } from "../../workflows-src/builders/workflow";
import { actionlintProblems } from "./actionlint";
import { driftProblems } from "./drift";
import {
  readActionFiles,
  readGeneratedLocations,
  readWorkflowFiles,
} from "./generated-files";
import { planFiles } from "./plan";
import { auditFiles } from "./policy/audit-files";
import { policyContext, type PolicyContext } from "./policy/context";
import type { Problem } from "./problem";

export type Definitions =
  | readonly WorkflowDefinition[]
  | (() => Promise<readonly WorkflowDefinition[]>);

/**
 * actionlint starts first, in its worker, so it runs while the definitions load. A loader that
 * throws still lets the worker finish (and be stopped) before the error propagates.
 */
export async function checkWorkflows(
  root: string,
  definitions: Definitions,
  ctx: PolicyContext = policyContext(root),
): Promise<Problem[]> {
  const workflowFiles = readWorkflowFiles(root);
  const linting = actionlintProblems(workflowFiles);
  try {
    const loaded =
      typeof definitions === "function" ? await definitions() : definitions;
    const problems = driftProblems(
      planFiles(loaded),
      readGeneratedLocations(root),
    );
    const audit = auditFiles(
      [...workflowFiles, ...readActionFiles(root)].map((f) => ({
        file: f.path,
        content: f.content,
      })),
      ctx,
    );
    problems.push(...audit.bad, ...audit.findings);
    problems.push(...(await linting));
    return problems;
  } finally {
    await linting.catch(() => undefined);
  }
}
