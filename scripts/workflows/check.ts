/**
 * The whole check over one checkout: drift of every generated file, then actionlint and the
 * hardening rules on every workflow file actually present (hand-written ones included).
 */
import type { WorkflowDefinition } from "../../workflows-src/builders/workflow";
import { actionlintProblems } from "./actionlint";
import { driftProblems } from "./drift";
import { readGeneratedLocations, readWorkflowFiles } from "./generated-files";
import { hardeningProblems } from "./hardening-rules";
import { planFiles } from "./plan";
import type { Problem } from "./problem";

export async function checkWorkflows(
  root: string,
  definitions: readonly WorkflowDefinition[],
): Promise<Problem[]> {
  const planned = planFiles(definitions);
  const problems = driftProblems(planned, readGeneratedLocations(root));
  const workflowFiles = readWorkflowFiles(root);
  for (const file of workflowFiles) {
    problems.push(...hardeningProblems(file.path, file.content));
  }
  problems.push(...(await actionlintProblems(workflowFiles)));
  return problems;
}
