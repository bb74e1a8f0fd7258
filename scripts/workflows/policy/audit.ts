/**
 * The workflow policy as allow-lists, judged on the YAML itself (not on the builders) so a hand edit,
 * a workflow written elsewhere and a local composite action are all held to the same rules. Every
 * finding carries the line of the node the parser saw.
 */
import { visit } from "yaml";
import type { Problem } from "../problem";
import type { PolicyContext } from "./context";
import { expressionsIn, secretUse, untrustedIn } from "./expressions";
import { judgeRun } from "./npm-scripts";
import type { RuleId } from "./rules";
import {
  child,
  entries,
  entry,
  items,
  parseYaml,
  scalars,
  text,
  isMap,
  isScalar,
  type Node,
  type YamlTree,
} from "./yaml-tree";
import type { Pair } from "yaml";

export const ALLOWED_TRIGGERS: ReadonlySet<string> = new Set([
  "push",
  "pull_request",
  "workflow_dispatch",
  "workflow_call",
  "schedule",
]);

/** GitHub-hosted runner labels (standard runners). A self-hosted or larger runner is not listed. */
export const HOSTED_RUNNERS: ReadonlySet<string> = new Set([
  "ubuntu-latest",
  "ubuntu-24.04",
  "ubuntu-22.04",
  "ubuntu-24.04-arm",
  "ubuntu-22.04-arm",
  "windows-latest",
  "windows-2025",
  "windows-2022",
  "windows-11-arm",
  "macos-latest",
  "macos-26",
  "macos-15",
  "macos-14",
]);

/**
 * Scopes a job may write. Empty: deploys talk to Cloudflare with environment secrets, never to
 * GitHub, so any write token is a needless risk. Add a scope here with the reason it is needed.
 */
const WRITE_SCOPES_ALLOWED: ReadonlySet<string> = new Set<string>();

const LOCAL_ACTION = /^\.\/\.github\/actions\/[A-Za-z0-9_-][A-Za-z0-9_.-]*\/?$/;
const LOCAL_WORKFLOW = /^\.\/\.github\/workflows\/[A-Za-z0-9_.-]+\.ya?ml$/;
const DIGEST = /@sha256:[0-9a-f]{64}$/;
const CATALOG = "workflows-src/actions.ts";

export type FileKind = "workflow" | "action";

export type AuditResult =
  | { readonly ok: true; readonly findings: Problem[] }
  /** Unreadable input: the file is not YAML (or not a workflow/action at all). */
  | { readonly ok: false; readonly problem: Problem };

/** What a local action contributes to the job that uses it. */
interface ActionSummary {
  readonly restoresCache: boolean;
  readonly downloads: readonly string[];
}

interface Scope {
  readonly file: string;
  readonly tree: YamlTree;
  readonly ctx: PolicyContext;
  readonly findings: Problem[];
  /** Local action directories already audited (a cycle or a repeat is audited once). */
  readonly actionsSeen: Map<string, ActionSummary>;
  readonly inputsUntrusted: boolean;
}

interface JobScope extends Scope {
  readonly where: string;
  /** Where a finding about the whole job points: its key (`  deploy:`). */
  readonly at: Parameters<YamlTree["lineOf"]>[0];
  /** Set for a job with `environment:`. */
  readonly environment: string | undefined;
}

function report(
  scope: Scope,
  rule: RuleId,
  node: Parameters<YamlTree["lineOf"]>[0],
  message: string,
): void {
  scope.findings.push({
    file: scope.file,
    line: scope.tree.lineOf(node),
    rule,
    message,
  });
}

function triggers(on: Node | null | undefined): { name: string; node: Node }[] {
  if (isScalar(on)) return [{ name: text(on) ?? "", node: on }];
  const seq = items(on);
  if (seq.length > 0)
    return seq.map((node) => ({ name: text(node) ?? "", node }));
  return entries(on).map((e) => ({ name: e.key, node: e.pair.key as Node }));
}

function checkPermissions(scope: JobScope, job: Node): void {
  const permissions = entry(job, "permissions");
  if (!permissions) {
    report(
      scope,
      "job-permissions",
      scope.at,
      `${scope.where} declares no permissions — add permissions: { contents: read } (or less)`,
    );
    return;
  }
  if (!isMap(permissions.value)) {
    report(
      scope,
      "job-permissions",
      permissions.pair,
      `${scope.where} uses permissions: ${text(permissions.value) ?? "?"} — list only the scopes it needs`,
    );
    return;
  }
  for (const scopeEntry of entries(permissions.value)) {
    if (
      text(scopeEntry.value) === "write" &&
      !WRITE_SCOPES_ALLOWED.has(scopeEntry.key)
    ) {
      report(
        scope,
        "job-write-permission",
        scopeEntry.pair,
        `${scope.where} asks for ${scopeEntry.key}: write — no job of this pipeline writes to GitHub; use read (or add the scope, with its reason, to WRITE_SCOPES_ALLOWED in scripts/workflows/policy/audit.ts)`,
      );
    }
  }
}

function checkUntrusted(
  scope: Scope,
  where: string,
  field: string,
  node: Node | null | undefined,
): void {
  if (!node) return;
  for (const { node: scalar, value } of scalars(node)) {
    const found = untrustedIn(expressionsIn(value), scope.inputsUntrusted);
    if (found) {
      report(
        scope,
        "untrusted-context",
        scalar,
        `${where} puts ${found} into ${field}, where it runs as code — pass it through env: and read "$NAME" in a script`,
      );
    }
  }
}

/**
 * Where and how `npm run` runs is part of what it runs: a custom `shell:` is a command of its own,
 * and another `working-directory` reads another package.json whose scripts were never audited.
 */
function checkShellAndDirectory(
  scope: Scope,
  where: string,
  owner: Node | null | undefined,
): void {
  const shell = entry(owner, "shell");
  if (shell && text(shell.value) !== "bash") {
    report(
      scope,
      "run-allowed",
      shell.pair,
      `${where} runs with shell: ${text(shell.value) ?? "…"} — a custom shell runs its own command; leave shell out (or bash in a composite action)`,
    );
  }
  const directory = entry(owner, "working-directory");
  if (directory && text(directory.value) !== ".") {
    report(
      scope,
      "run-allowed",
      directory.pair,
      `${where} runs in working-directory: ${text(directory.value) ?? "…"} — npm would read another package.json there; run from the repository root`,
    );
  }
}

/** Environment variables that change what npm, node or bash execute. */
const HIJACKING_ENV =
  /^(?:npm_config_.*|NODE_OPTIONS|NODE_PATH|BASH_ENV|ENV|LD_PRELOAD|LD_LIBRARY_PATH|PATH)$/i;

function checkEnv(
  scope: Scope,
  where: string,
  owner: Node | null | undefined,
): void {
  for (const variable of entries(child(owner, "env"))) {
    if (HIJACKING_ENV.test(variable.key)) {
      report(
        scope,
        "run-env",
        variable.pair,
        `${where} sets ${variable.key}, which changes what npm/node/bash execute — remove it (configure the tool in the repository, under review)`,
      );
    }
  }
}

function checkDefaults(scope: Scope, where: string, owner: Node): void {
  const run = child(child(owner, "defaults"), "run");
  checkShellAndDirectory(scope, `${where} defaults.run`, run);
  checkUntrusted(scope, where, "defaults.run.shell", child(run, "shell"));
  checkUntrusted(
    scope,
    where,
    "defaults.run.working-directory",
    child(run, "working-directory"),
  );
}

/** The catalog check of a step's `uses:` (actions only; workflows are called from jobs). */
function checkActionRef(
  scope: JobScope,
  node: Node,
  uses: string,
): ActionSummary | undefined {
  if (uses.startsWith("docker://")) {
    report(
      scope,
      "uses-docker",
      node,
      `${scope.where} runs ${uses} — docker:// images bypass the action catalog; wrap the tool in an npm script or add a reviewed action to ${CATALOG}`,
    );
    return undefined;
  }
  if (uses.startsWith("./")) {
    if (!LOCAL_ACTION.test(uses)) {
      report(
        scope,
        "uses-catalog",
        node,
        `${scope.where} uses ${uses} — a step runs a catalog action or a composite action under ./.github/actions/<name>; call a workflow from a job's uses:`,
      );
      return undefined;
    }
    return auditLocalAction(scope, node, uses.replace(/\/$/, ""));
  }
  const at = uses.lastIndexOf("@");
  const repo = at > 0 ? uses.slice(0, at) : uses;
  const ref = at > 0 ? uses.slice(at + 1) : "";
  if (/\.ya?ml$/.test(repo) || repo.includes("/.github/workflows")) {
    report(
      scope,
      "uses-catalog",
      node,
      `${scope.where} calls ${uses} as a step — steps run catalog actions only; a workflow is called from a job's uses: (./.github/workflows/<file>)`,
    );
    return undefined;
  }
  const byRepo = scope.ctx.catalog.filter((pin) => pin.repo === repo);
  const pin = byRepo.find((p) => p.sha === ref);
  if (!pin) {
    const known = byRepo[0];
    report(
      scope,
      "uses-catalog",
      node,
      known
        ? `${scope.where} uses ${repo}@${ref || "(no ref)"} but the catalog pins ${known.sha} (${known.version}) — regenerate (or change the pin in ${CATALOG})`
        : `${scope.where} uses ${uses}, which is not in the action catalog — add it to ${CATALOG} (repo, full commit SHA, version) and use actionRef()`,
    );
    return undefined;
  }
  const comment = isScalar(node) ? node.comment?.trim() : undefined;
  if (comment !== pin.version) {
    report(
      scope,
      "uses-version-comment",
      node,
      comment
        ? `${scope.where} comments ${repo}@${ref.slice(0, 7)}… as "${comment}" but the catalog says ${pin.version} — regenerate`
        : `${scope.where} has no version comment after ${repo}@${ref.slice(0, 7)}… — regenerate (the generator writes "# ${pin.version}")`,
    );
  }
  return undefined;
}

function restoresCache(step: Node, uses: string | undefined): boolean {
  if (uses && /^actions\/cache(?:\/restore)?@/.test(uses)) return true;
  const cacheInput = text(child(child(step, "with"), "cache"));
  return (
    cacheInput !== undefined && cacheInput !== "" && cacheInput !== "false"
  );
}

function checkStep(scope: JobScope, step: Node, index: number): ActionSummary {
  const where = `${scope.where} step ${index + 1}`;
  const stepScope = { ...scope, where };
  const usesNode = child(step, "uses");
  const uses = text(usesNode);
  let nested: ActionSummary | undefined;
  if (usesNode && uses === undefined) {
    report(
      scope,
      "uses-catalog",
      usesNode,
      `${where} has a uses: that is not a string — write owner/repo@<sha> from ${CATALOG}`,
    );
  }
  if (usesNode && uses !== undefined) {
    nested = checkActionRef(stepScope, usesNode, uses);
    if (/^actions\/checkout@/.test(uses)) {
      const persist = text(child(child(step, "with"), "persist-credentials"));
      if (persist !== "false") {
        report(
          scope,
          "checkout-credentials",
          step,
          `${where}: checkout keeps credentials — set persist-credentials: false (use checkout())`,
        );
      }
      for (const input of ["repository", "ref"]) {
        const other = entry(child(step, "with"), input);
        if (other) {
          report(
            scope,
            "checkout-ref",
            other.pair,
            `${where}: checkout with ${input}: ${text(other.value) ?? "…"} runs code other than the commit under test (its package.json scripts run next) — remove ${input} (use checkout())`,
          );
        }
      }
    }
    if (/^actions\/download-artifact@/.test(uses)) {
      for (const input of ["run-id", "github-token", "repository"]) {
        const other = entry(child(step, "with"), input);
        if (other) {
          report(
            scope,
            "artifact-same-run",
            other.pair,
            `${where}: download-artifact with ${input} fetches another run's artifact, which anyone who can run a workflow may have built — download only this run's artifacts (downloadArtifact())`,
          );
        }
      }
    }
  }
  const downloads = [...(nested?.downloads ?? [])];
  const runNode = child(step, "run");
  if (runNode) {
    const run = text(runNode);
    const verdict = judgeRun(run ?? "", scope.ctx.scripts);
    for (const finding of verdict.findings) {
      report(scope, finding.rule, runNode, `${where} ${finding.message}`);
    }
    downloads.push(...verdict.downloads);
  }
  checkUntrusted(
    scope,
    where,
    "working-directory",
    child(step, "working-directory"),
  );
  checkUntrusted(scope, where, "shell", child(step, "shell"));
  checkShellAndDirectory(scope, where, step);
  checkEnv(scope, where, step);
  const withNode = child(step, "with");
  checkUntrusted(scope, where, "with.args", child(withNode, "args"));
  checkUntrusted(scope, where, "with.script", child(withNode, "script"));
  const cache = restoresCache(step, uses) || (nested?.restoresCache ?? false);
  if (scope.environment !== undefined) {
    const continueOnError = entry(step, "continue-on-error");
    if (continueOnError && text(continueOnError.value) !== "false") {
      report(
        scope,
        "env-continue-on-error",
        continueOnError.pair,
        `${where} has continue-on-error in a job bound to environment ${scope.environment} — a failed migration or release must fail the job: remove it`,
      );
    }
    if (cache) {
      report(
        scope,
        "env-cache",
        usesNode ?? step,
        `${where} restores a cache in a job bound to environment ${scope.environment} — any branch can write that cache: remove it (prepare({ npmCache: false }) in workflows-src/builders), then regenerate`,
      );
    }
    for (const name of downloads) {
      report(
        scope,
        "script-install",
        runNode ?? step,
        `${where} reaches npm run ${name}, which downloads code, in a job bound to environment ${scope.environment} — run it in a job without secrets`,
      );
    }
  }
  return { restoresCache: cache, downloads };
}

function environmentOf(
  job: Node,
): { name: string | undefined; node: Node } | undefined {
  const env = entry(job, "environment");
  if (!env) return undefined;
  const name = text(env.value) ?? text(child(env.value, "name"));
  const literal =
    name !== undefined && !name.includes("${{") ? name : undefined;
  return { name: literal, node: env.pair.key as Node };
}

function checkSecrets(scope: JobScope, job: Node): void {
  const expressions: string[] = [];
  const collect = (node: Node | null | undefined, isCondition: boolean) => {
    for (const { value } of scalars(node)) {
      expressions.push(...expressionsIn(value));
      if (isCondition) expressions.push(value);
    }
  };
  for (const e of entries(job)) {
    if (e.key === "steps") {
      for (const step of items(e.value)) {
        for (const s of entries(step)) collect(s.value, s.key === "if");
      }
    } else collect(e.value, e.key === "if");
  }
  const use = secretUse(expressions);
  if (use.dynamic) {
    report(
      scope,
      "secrets-dynamic",
      scope.at,
      `${scope.where} reads the whole secrets context (toJSON(secrets), secrets[…]) — name each secret: \${{ secrets.NAME }} from environments.ts`,
    );
  }
  if (use.names.length === 0) return;
  const allowed =
    scope.environment !== undefined
      ? scope.ctx.environments.get(scope.environment)
      : undefined;
  if (!allowed) {
    report(
      scope,
      "secrets-environment",
      scope.at,
      scope.environment === undefined
        ? `${scope.where} reads secrets without an environment — bind it to one of environments.ts (${[...scope.ctx.environments.keys()].join(", ")})`
        : `${scope.where} reads secrets in environment "${scope.environment}", which workflows-src/environments.ts does not define — use ${[...scope.ctx.environments.keys()].join(" or ")}`,
    );
    return;
  }
  for (const name of new Set(use.names)) {
    if (!allowed.includes(name)) {
      report(
        scope,
        "secrets-name",
        scope.at,
        `${scope.where} reads secrets.${name}, which environments.ts does not list for ${scope.environment} — add it to that environment's secrets (or remove the reference)`,
      );
    }
  }
}

function checkImage(
  scope: JobScope,
  field: string,
  node: Node | null | undefined,
): void {
  if (!node) return;
  const image = text(node) ?? text(child(node, "image"));
  const at = text(node) !== undefined ? node : (child(node, "image") ?? node);
  if (image === undefined || !DIGEST.test(image)) {
    report(
      scope,
      "image-digest",
      at,
      `${scope.where} ${field} image ${image ?? "(none)"} is not pinned by digest — use image@sha256:<digest>`,
    );
  }
}

function checkEnvironmentJob(scope: JobScope, job: Node): void {
  const name = scope.environment;
  const continueOnError = entry(job, "continue-on-error");
  if (continueOnError && text(continueOnError.value) !== "false") {
    report(
      scope,
      "env-continue-on-error",
      continueOnError.pair,
      `${scope.where} (environment ${name}) has continue-on-error — a failed deploy must fail the run: remove it`,
    );
  }
  const cancel = entry(child(job, "concurrency"), "cancel-in-progress");
  if (cancel && text(cancel.value) !== "false") {
    report(
      scope,
      "env-cancel-in-progress",
      cancel.pair,
      `${scope.where} (environment ${name}) may be cancelled mid-deploy — set cancel-in-progress: false (environmentConcurrency())`,
    );
  }
  const condition = entry(job, "if");
  const conditionText = text(condition?.value) ?? "";
  if (condition && /\b(?:always|failure|cancelled)\s*\(/.test(conditionText)) {
    report(
      scope,
      "env-if-always",
      condition.pair,
      `${scope.where} (environment ${name}) runs with "${conditionText}" even when the jobs it needs failed — drop always()/failure()/cancelled() from its if:`,
    );
  }
}

function checkJob(scope: Scope, id: string, job: Node, at: Pair): void {
  const env = environmentOf(job);
  const jobScope: JobScope = {
    ...scope,
    where: `job ${id}`,
    at,
    environment: env ? (env.name ?? "(expression)") : undefined,
  };
  checkPermissions(jobScope, job);
  const usesNode = child(job, "uses");
  if (usesNode) {
    const uses = text(usesNode) ?? "";
    if (!LOCAL_WORKFLOW.test(uses)) {
      report(
        jobScope,
        "uses-reusable",
        usesNode,
        `job ${id} calls ${uses} — only reusable workflows of this repository (./.github/workflows/<file>.yml) may be called; copy the jobs into workflows-src instead`,
      );
    }
    const secrets = entry(job, "secrets");
    if (secrets) {
      report(
        jobScope,
        "secrets-environment",
        secrets.pair,
        `job ${id} passes secrets to a reusable workflow — read secrets only in a job with an environment`,
      );
    }
  } else {
    if (!entry(job, "timeout-minutes")) {
      report(
        jobScope,
        "job-timeout",
        jobScope.at,
        `job ${id} has no timeout-minutes — give it a budget (defineJob's timeoutMinutes)`,
      );
    }
    const runsOn = child(job, "runs-on");
    const label = text(runsOn);
    if (label === undefined || !HOSTED_RUNNERS.has(label)) {
      report(
        jobScope,
        "runs-on-hosted",
        runsOn ?? jobScope.at,
        `job ${id} runs on ${label ?? "a runner group or label list"} — use a GitHub-hosted label such as ubuntu-24.04 (a self-hosted runner keeps state between runs)`,
      );
    }
    checkImage(jobScope, "container", child(job, "container"));
    for (const service of entries(child(job, "services"))) {
      checkImage(jobScope, `service ${service.key}`, service.value);
    }
  }
  checkDefaults(jobScope, `job ${id}`, job);
  checkEnv(jobScope, `job ${id}`, job);
  checkSecrets(jobScope, job);
  if (env) checkEnvironmentJob(jobScope, job);
  items(child(job, "steps")).forEach((step, index) =>
    checkStep(jobScope, step, index),
  );
}

function checkAliases(scope: Scope, root: Node | null): void {
  if (!root) return;
  visit(root, {
    Alias: (_key, node) => {
      report(
        scope,
        "yaml-alias",
        node as unknown as Node,
        "anchors and aliases hide what a step does — write the value out (the generator never emits them)",
      );
    },
  });
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
  const cancel = entry(child(root, "concurrency"), "cancel-in-progress");
  if (cancel && text(cancel.value) !== "false") {
    for (const job of jobs) {
      if (environmentOf(job.value as Node)) {
        report(
          scope,
          "env-cancel-in-progress",
          cancel.pair,
          `workflow concurrency may cancel job ${job.key} (environment) mid-deploy — set cancel-in-progress: false or move concurrency onto the jobs`,
        );
      }
    }
  }
  for (const job of jobs) {
    if (isMap(job.value)) checkJob(scope, job.key, job.value, job.pair);
  }
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
  const downloads: string[] = [];
  const jobScope: JobScope = {
    ...scope,
    where: "action",
    at: root,
    environment: undefined,
  };
  items(child(runs, "steps")).forEach((step, index) => {
    const summary = checkStep(jobScope, step, index);
    restoresCache ||= summary.restoresCache;
    downloads.push(...summary.downloads);
  });
  return { restoresCache, downloads };
}

function auditLocalAction(
  scope: JobScope,
  node: Node,
  uses: string,
): ActionSummary | undefined {
  const dir = uses.slice(2);
  const seen = scope.actionsSeen.get(dir);
  if (seen) return seen;
  const file = [`${dir}/action.yml`, `${dir}/action.yaml`].find(
    (f) => scope.ctx.readFile(f) !== undefined,
  );
  const content = file ? scope.ctx.readFile(file) : undefined;
  if (!file || content === undefined) {
    report(
      scope,
      "local-action",
      node,
      `${scope.where} uses ${uses}, which has no action.yml — add it or fix the path`,
    );
    return undefined;
  }
  // Mark first: a cycle of actions ends here instead of recursing forever.
  scope.actionsSeen.set(dir, { restoresCache: false, downloads: [] });
  const result = auditWithin(
    file,
    content,
    "action",
    scope.ctx,
    scope.actionsSeen,
  );
  if (!result.ok) {
    scope.findings.push(result.problem);
    report(
      scope,
      "local-action",
      node,
      `${scope.where} uses ${uses}, whose ${file} is not valid YAML — fix it`,
    );
    return undefined;
  }
  scope.findings.push(...result.findings);
  if (result.findings.length > 0) {
    report(
      scope,
      "local-action",
      node,
      `${scope.where} uses ${uses}, whose ${file} breaks the policy (${result.findings.length} finding(s) above) — fix the action`,
    );
  }
  const summary = scope.actionsSeen.get(dir) ?? {
    restoresCache: false,
    downloads: [],
  };
  return summary;
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
    inputsUntrusted:
      kind === "action" ||
      triggers(child(parsed.tree.root, "on")).some(
        (t) => t.name === "workflow_call",
      ),
  };
  checkAliases(scope, parsed.tree.root);
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
