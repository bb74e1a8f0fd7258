/**
 * One generation over a checkout: plan every file (in a child process that loads the definitions),
 * audit every planned
 * workflow (and the composite actions) in the clean audit process, then write — the files and
 * .github/workflow-pins.json, the hashes of what the jobs bound to an environment run, recorded by
 * that audit. Any failure before the write — an invalid definition or a workflow that breaks the
 * policy — leaves the checkout untouched. Config files (.github/dependabot.yml) are not workflows
 * and are never audited.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  applySync,
  planSync,
  readActionFiles,
  readGeneratedLocations,
  readWorkflowFiles,
  type SyncPlan,
} from "./generated-files";
import { auditedActions } from "./audited-actions";
import type { KeptWorkflow } from "../../workflows-src/builders/pipeline-config";
import type { DefinitionsModule } from "./load-definitions";
import { WORKFLOWS_DIR, type PlannedFile } from "./locations";
import { planInChild } from "./plan-process";
import type { Auditor } from "./policy/audit-request";
import { formatFinding } from "./policy/audit-files";
import { cleanAuditor } from "./policy/clean-audit";
import { formatPins, PINS_FILE } from "./policy/pins";

export type GenerateResult =
  | {
      readonly ok: true;
      readonly plan: SyncPlan;
      /** Whether .github/workflow-pins.json changed. */
      readonly pinsWritten: boolean;
    }
  | { readonly ok: false; readonly errors: readonly string[] };

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Tests pass definitions built in memory: planned in this process. */
async function planHere(
  load: () => Promise<DefinitionsModule>,
): Promise<readonly PlannedFile[]> {
  const [{ loadDefinitions }, { planFiles }] = await Promise.all([
    import("./load-definitions"),
    import("./plan"),
  ]);
  return planFiles(await loadDefinitions(load));
}

/**
 * Without `load`, the definitions are planned in a child process (plan-process.ts): this process,
 * which audits and writes, never runs workflows-src code. `keep`: pipeline.config.ts keepWorkflows
 * (a composite action only unaudited kept workflows use is not audited, as in check).
 */
export async function generate(
  root: string,
  load?: () => Promise<DefinitionsModule>,
  audit: Auditor = cleanAuditor(root),
  keep: readonly KeptWorkflow[] = [],
): Promise<GenerateResult> {
  let plan: SyncPlan;
  let pins: string;
  try {
    const planned = load
      ? await planHere(load)
      : await planInChild(undefined, root);
    plan = planSync(planned, readGeneratedLocations(root));
    const workflows = planned.filter((f) =>
      f.path.startsWith(`${WORKFLOWS_DIR}/`),
    );
    const answer = await audit({
      files: [
        ...workflows.map((f) => ({ file: f.path, content: f.content })),
        ...auditedActions(
          readActionFiles(root),
          readWorkflowFiles(root),
          new Set(
            keep
              .filter((k) => !k.audit)
              .map((k) => `${WORKFLOWS_DIR}/${k.file}`),
          ),
        ).map((f) => ({ file: f.path, content: f.content })),
      ],
      recordPins: true,
    });
    const sourceOf = new Map(workflows.map((f) => [f.path, f.source]));
    const errors = [...answer.bad, ...answer.findings].map((problem) => {
      const source = sourceOf.get(problem.file);
      return source
        ? `${source}: ${formatFinding(problem)}`
        : formatFinding(problem);
    });
    if (errors.length > 0) return { ok: false, errors };
    pins = formatPins(answer.pins ?? { scripts: {}, files: {} });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: message.split("\n") };
  }
  applySync(root, plan);
  const pinsPath = path.join(root, PINS_FILE);
  const pinsWritten = readText(pinsPath) !== pins;
  if (pinsWritten) writeFileSync(pinsPath, pins);
  return { ok: true, plan, pinsWritten };
}
