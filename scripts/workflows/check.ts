/**
 * The whole check over one checkout: drift of every generated file, then actionlint and the
 * workflow policy (the audit) on every workflow file actually present (hand-written ones included)
 * and on every composite action under .github/actions/.
 */
import type { GeneratedDefinition } from "../../workflows-src/builders/config-file";
import type { KeptWorkflow } from "../../workflows-src/builders/pipeline-config";
import { actionlintProblems } from "./actionlint";
import { driftProblems } from "./drift";
import {
  readActionFiles,
  readGeneratedLocations,
  readWorkflowFiles,
} from "./generated-files";
import { WORKFLOWS_DIR, type PlannedFile } from "./locations";
import { auditedActions } from "./audited-actions";
import type { Auditor } from "./policy/audit-request";
import { cleanAuditor } from "./policy/clean-audit";
import type { Problem } from "./problem";

/**
 * What the generator would write: definitions built in memory (tests, planned here), or a planner
 * that hands back the planned files (check:workflows: planInChild, so this process never runs
 * workflows-src code).
 */
export type Definitions =
  readonly GeneratedDefinition[] | (() => Promise<readonly PlannedFile[]>);

/**
 * actionlint starts first, in its worker, and the audit in its own clean process (it judges the
 * files on disk, never the definitions this process loads), so both run while the definitions
 * load. A loader that throws still lets them finish before the error propagates.
 */
export async function checkWorkflows(
  root: string,
  definitions: Definitions,
  audit: Auditor = cleanAuditor(root),
  /** pipeline.config.ts keepWorkflows: no drift finding; audited only with audit: true. */
  keep: readonly KeptWorkflow[] = [],
): Promise<Problem[]> {
  const kept = keep.map((k) => `${WORKFLOWS_DIR}/${k.file}`);
  const unaudited = new Set(
    keep.filter((k) => !k.audit).map((k) => `${WORKFLOWS_DIR}/${k.file}`),
  );
  const workflowFiles = readWorkflowFiles(root);
  const actionFiles = readActionFiles(root);
  const linting = actionlintProblems(workflowFiles, actionFiles);
  const auditing = audit({
    files: [
      ...workflowFiles.filter((f) => !unaudited.has(f.path)),
      ...auditedActions(actionFiles, workflowFiles, unaudited),
    ].map((f) => ({
      file: f.path,
      content: f.content,
    })),
    recordPins: false,
  });
  try {
    const planned =
      typeof definitions === "function"
        ? await definitions()
        : (await import("./plan")).planFiles(definitions);
    const problems = driftProblems(planned, readGeneratedLocations(root), kept);
    const audited = await auditing;
    problems.push(...audited.bad, ...audited.findings);
    problems.push(...(await linting));
    return problems;
  } finally {
    await linting.catch(() => undefined);
    await auditing.catch(() => undefined);
  }
}
