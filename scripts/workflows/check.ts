/**
 * The whole check over one checkout: drift of every generated file, then actionlint and the
 * hardening rules on every workflow file actually present (hand-written ones included).
 */
import type { GeneratedDefinition } from "../../workflows-src/builders/config-file";
import { actionlintProblems } from "./actionlint";
import { driftProblems } from "./drift";
import { readGeneratedLocations, readWorkflowFiles } from "./generated-files";
import { hardeningProblems } from "./hardening-rules";
import { planFiles } from "./plan";
import type { Problem } from "./problem";

export type Definitions =
  | readonly GeneratedDefinition[]
  | (() => Promise<readonly GeneratedDefinition[]>);

/**
 * actionlint starts first, in its worker, so it runs while the definitions load. A loader that
 * throws still lets the worker finish (and be stopped) before the error propagates.
 */
export async function checkWorkflows(
  root: string,
  definitions: Definitions,
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
    for (const file of workflowFiles) {
      problems.push(...hardeningProblems(file.path, file.content));
    }
    problems.push(...(await linting));
    return problems;
  } finally {
    await linting.catch(() => undefined);
  }
}
