/**
 * The workflow policy as allow-lists, judged on the YAML itself (not on the builders) so a hand edit,
 * a workflow written elsewhere and a local composite action are all held to the same rules. Every
 * finding carries the line of the node the parser saw.
 */
import type { Problem } from "../problem";
import type { PolicyContext } from "./context";
import { expressionsIn, secretUse } from "./expressions";
import { checkJob, environmentOf } from "./job-rules";
import {
  report,
  type ActionSummary,
  type AuditResult,
  type FileKind,
  type JobScope,
  type Scope,
} from "./scope";
import { checkDefaults, checkEnv, checkStep } from "./step-rules";
import { readCondition, readValue } from "./template";
import { checkYamlForms } from "./yaml-forms";
import { checkNeededJobs } from "./needs-rules";
import { npmSourceFindings } from "./npm-sources";
import { concurrencyProblem, RUNNER_ENV_ALLOWED } from "./environment-rules";
import {
  child,
  entries,
  entry,
  isMap,
  isScalar,
  items,
  parseYaml,
  scalars,
  text,
  type Node,
} from "./yaml-tree";

export type { AuditResult, FileKind } from "./scope";

export const ALLOWED_TRIGGERS: ReadonlySet<string> = new Set([
  "push",
  "pull_request",
  "workflow_dispatch",
  "workflow_call",
  "schedule",
]);

function triggers(on: Node | null | undefined): { name: string; node: Node }[] {
  if (isScalar(on)) return [{ name: text(on) ?? "", node: on }];
  const seq = items(on);
  if (seq.length > 0)
    return seq.map((node) => ({ name: text(node) ?? "", node }));
  return entries(on).map((e) => ({ name: e.key, node: e.pair.key as Node }));
}

/**
 * Every expression of the file must parse as GitHub parses it, so the rules can read it; and every
 * `if:` must be one expression (text around `${{ }}` makes it a string, which is always true).
 */
function checkExpressionSyntax(scope: Scope, root: Node | null): void {
  for (const { node, value } of scalars(root)) {
    for (const error of readValue(value).errors) {
      report(
        scope,
        "expression-syntax",
        node,
        `${error} — GitHub refuses it, and the audit cannot tell what it reads: fix the expression`,
      );
    }
  }
  const conditions = (owner: Node | null | undefined): Node[] => {
    const found: Node[] = [];
    const own = child(owner, "if");
    if (own) found.push(own);
    for (const step of items(child(owner, "steps"))) {
      const stepIf = child(step, "if");
      if (stepIf) found.push(stepIf);
    }
    return found;
  };
  const owners = [
    ...entries(child(root, "jobs")).map((job) => job.value),
    child(root, "runs"),
  ];
  for (const node of owners.flatMap(conditions)) {
    const value = text(node);
    if (value === undefined) continue;
    const read = readCondition(value);
    if (read.ok || readValue(value).errors.length > 0) continue;
    report(
      scope,
      "expression-syntax",
      node,
      `if: ${value} — ${read.reason}: write the whole condition as one expression`,
    );
  }
}

function auditWorkflowTree(scope: Scope): void {
  const root = scope.tree.root;
  const on = entry(root, "on");
  for (const trigger of triggers(on?.value)) {
    if (!ALLOWED_TRIGGERS.has(trigger.name)) {
      report(
        scope,
        "trigger-allowed",
        trigger.node,
        `trigger ${trigger.name} is not allowed — use ${[...ALLOWED_TRIGGERS].join(", ")} (pull_request runs a fork's code without secrets)`,
      );
    }
  }
  const permissions = entry(root, "permissions");
  const perms = entries(permissions?.value);
  const readOnly =
    isMap(permissions?.value) &&
    (perms.length === 0 ||
      (perms.length === 1 &&
        perms[0]?.key === "contents" &&
        text(perms[0]?.value) === "read"));
  if (!readOnly) {
    report(
      scope,
      "top-permissions",
      permissions?.pair ?? root,
      "workflow permissions must be {} (or only contents: read) — grant scopes per job",
    );
  }
  for (const e of entries(root)) {
    if (e.key === "jobs") continue;
    const use = secretUse(
      scalars(e.value).flatMap((s) => expressionsIn(s.value)),
    );
    if (use.dynamic || use.names.length > 0) {
      report(
        scope,
        use.dynamic ? "secrets-dynamic" : "secrets-environment",
        e.pair,
        `workflow-level ${e.key} reads secrets, exposing them to every job — move them to the step of a job with an environment`,
      );
    }
  }
  checkDefaults(scope, "the workflow", root as Node);
  checkEnv(scope, "the workflow", root as Node);
  const jobs = entries(child(root, "jobs"));
  const environmentJobs = jobs.filter((job) =>
    environmentOf(job.value as Node),
  );
  const concurrency = entry(root, "concurrency");
  const problem = concurrency
    ? concurrencyProblem(concurrency.value)
    : undefined;
  // A preview job may be cancelled by a newer push of its pull request: what it half-did (a
  // migration applied, no upload yet) concerns that pull request's own database only, and the
  // newer run applies what is pending and moves the alias (preview-rules.ts).
  const cancellable = environmentJobs.filter(
    (job) =>
      environmentOf(job.value as Node)?.name !== scope.ctx.previewEnvironment,
  );
  for (const job of problem ? cancellable : []) {
    report(
      scope,
      "env-cancel-in-progress",
      concurrency?.pair,
      `workflow concurrency (${problem}) may cancel job ${job.key} (environment) mid-deploy — set cancel-in-progress: false or move concurrency onto the jobs`,
    );
  }
  if (environmentJobs.length > 0) {
    for (const variable of entries(child(root, "env"))) {
      if (Object.hasOwn(RUNNER_ENV_ALLOWED, variable.key)) continue;
      report(
        scope,
        "env-name",
        variable.pair,
        `workflow env ${variable.key} reaches the jobs bound to an environment — set it on the run: step whose script's contract names it`,
      );
    }
  }
  const summaries = new Map<string, readonly (ActionSummary | undefined)[]>();
  for (const job of jobs) {
    if (isMap(job.value)) {
      summaries.set(job.key, checkJob(scope, job.key, job.value, job.pair));
    }
  }
  checkNeededJobs(scope, jobs, summaries);
}

function auditActionTree(scope: Scope): ActionSummary {
  const root = scope.tree.root;
  const runs = child(root, "runs");
  const using = text(child(runs, "using"));
  if (using !== "composite") {
    report(
      scope,
      "local-action",
      child(runs, "using") ?? root,
      `action runs with "${using ?? "(none)"}" — only composite actions are allowed: their steps are audited like a job's`,
    );
  }
  const use = secretUse(scalars(root).flatMap((s) => expressionsIn(s.value)));
  if (use.dynamic || use.names.length > 0) {
    report(
      scope,
      "secrets-environment",
      root,
      "a composite action reads secrets — pass values in as inputs from a job with an environment",
    );
  }
  let restoresCache = false;
  let continueOnError = false;
  const downloads: string[] = [];
  const env: ActionSummary["env"][number][] = [];
  const reached: ActionSummary["reached"][number][] = [];
  const files: string[] = [];
  const actionSteps: Node[] = [];
  let conditionalRuns = 0;
  const jobScope: JobScope = {
    ...scope,
    where: "action",
    at: root,
    environment: undefined,
  };
  items(child(runs, "steps")).forEach((step, index) => {
    const summary = checkStep(jobScope, step, index);
    restoresCache ||= summary.restoresCache;
    continueOnError ||= summary.continueOnError;
    downloads.push(...summary.downloads);
    env.push(...summary.env);
    reached.push(...summary.reached);
    files.push(...summary.files);
    actionSteps.push(...summary.actionSteps);
    conditionalRuns += summary.conditionalRuns;
  });
  return {
    restoresCache,
    downloads,
    continueOnError,
    env,
    reached,
    files,
    actionSteps,
    conditionalRuns,
  };
}

function auditWithin(
  file: string,
  content: string,
  kind: FileKind,
  ctx: PolicyContext,
  actionsSeen: Map<string, ActionSummary>,
): AuditResult & { summary?: ActionSummary } {
  const parsed = parseYaml(content);
  if (!parsed.ok) {
    return {
      ok: false,
      problem: {
        file,
        line: parsed.line,
        rule: "yaml",
        message: `not valid YAML: ${parsed.message}`,
      },
    };
  }
  if (!isMap(parsed.tree.root)) {
    return {
      ok: false,
      problem: {
        file,
        line: 1,
        rule: "yaml",
        message: `not a ${kind === "action" ? "action.yml" : "workflow"} (the document is not a mapping)`,
      },
    };
  }
  const scope: Scope = {
    file,
    tree: parsed.tree,
    ctx,
    findings: [],
    actionsSeen,
    auditAction: (action, text) =>
      auditWithin(action, text, "action", ctx, actionsSeen),
    inputsUntrusted:
      kind === "action" ||
      triggers(child(parsed.tree.root, "on")).some(
        (t) => t.name === "workflow_call",
      ),
  };
  checkYamlForms(scope, parsed.tree.root);
  checkExpressionSyntax(scope, parsed.tree.root);
  if (runsNpm(parsed.tree.root, kind)) {
    for (const finding of npmSourceFindings(ctx)) scope.findings.push(finding);
  }
  if (kind === "action") {
    const summary = auditActionTree(scope);
    const dir = file.replace(/\/action\.ya?ml$/, "");
    actionsSeen.set(dir, summary);
  } else {
    auditWorkflowTree(scope);
  }
  // Own findings in line order, then those of the local actions it uses.
  const rank = (p: Problem) => (p.file === file ? 0 : 1);
  scope.findings.sort(
    (a, b) =>
      rank(a) - rank(b) || (rank(a) === 0 ? (a.line ?? 0) - (b.line ?? 0) : 0),
  );
  return { ok: true, findings: scope.findings };
}

/** Whether any step runs a command (so npm reads the lockfiles, package.json and .npmrc). */
function runsNpm(root: Node | null, kind: FileKind): boolean {
  const stepLists =
    kind === "action"
      ? [child(child(root, "runs"), "steps")]
      : entries(child(root, "jobs")).map((job) => child(job.value, "steps"));
  return stepLists.some((steps) =>
    items(steps).some((step) => child(step, "run") !== undefined),
  );
}

/** `action.yml`/`action.yaml` is a (composite) action; anything else a workflow. */
export function kindOf(file: string): FileKind {
  return /(?:^|\/)action\.ya?ml$/.test(file) ? "action" : "workflow";
}

/** Audits one file's text. `file` is the repository-relative path printed in findings. */
export function auditFile(
  file: string,
  content: string,
  ctx: PolicyContext,
  kind: FileKind = kindOf(file),
): AuditResult {
  const result = auditWithin(file, content, kind, ctx, new Map());
  return result.ok
    ? { ok: true, findings: result.findings }
    : { ok: false, problem: result.problem };
}
