/**
 * The rules for one job: permissions, timeout, runner and images, reusable workflow calls, secrets,
 * and what a job bound to an environment may not do; then each of its steps.
 */
import type { Pair } from "yaml";
import { checkEnvironmentJob } from "./environment-rules";
import { checkPreviewJob, isPreviewJob } from "./preview-rules";
import { expressionsIn, secretUse } from "./expressions";
import { report, type ActionSummary, type JobScope, type Scope } from "./scope";
import { checkDefaults, checkEnv, checkStep } from "./step-rules";
import { readCondition } from "./template";
import {
  child,
  entries,
  entry,
  isMap,
  items,
  literal,
  scalars,
  text,
  type Node,
} from "./yaml-tree";
import type { Expr } from "./expression";

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

const LOCAL_WORKFLOW = /^\.\/\.github\/workflows\/[A-Za-z0-9_.-]+\.ya?ml$/;

const DIGEST = /@sha256:[0-9a-f]{64}$/;

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
        `${scope.where} asks for ${scopeEntry.key}: write — no job of this pipeline writes to GitHub; use read (or add the scope, with its reason, to WRITE_SCOPES_ALLOWED in scripts/workflows/policy/job-rules.ts)`,
      );
    }
  }
}

export function environmentOf(
  job: Node,
): { name: string | undefined; node: Node } | undefined {
  const env = entry(job, "environment");
  if (!env) return undefined;
  const name = literal(env.value) ?? literal(child(env.value, "name"));
  return { name, node: env.pair.key as Node };
}

/**
 * The job's GITHUB_TOKEN: scoped by the job's own permissions (checked above) and gone when the
 * job ends, so any job may read it; a job with an environment still lists only its own secrets.
 */
const RUNNER_SECRETS: ReadonlySet<string> = new Set(["GITHUB_TOKEN"]);

function checkSecrets(scope: JobScope, job: Node): void {
  const expressions: Expr[] = [];
  const collect = (node: Node | null | undefined, isCondition: boolean) => {
    for (const { value } of scalars(node)) {
      expressions.push(...expressionsIn(value));
      if (isCondition) {
        const condition = readCondition(value);
        if (condition.ok) expressions.push(condition.expr);
      }
    }
  };
  for (const e of entries(job)) {
    if (e.key === "steps") {
      for (const step of items(e.value)) {
        for (const s of entries(step)) collect(s.value, s.key === "if");
      }
    } else collect(e.value, e.key === "if");
  }
  const all = secretUse(expressions);
  const use =
    scope.environment === undefined
      ? { ...all, names: all.names.filter((n) => !RUNNER_SECRETS.has(n)) }
      : all;
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

export function checkJob(
  scope: Scope,
  id: string,
  job: Node,
  at: Pair,
): readonly (ActionSummary | undefined)[] {
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
    const label = literal(runsOn);
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
  const steps = items(child(job, "steps"));
  const results = steps.map((step, index) => checkStep(jobScope, step, index));
  if (env) {
    checkEnvironmentJob(
      jobScope,
      job,
      (step) => results[steps.indexOf(step)]?.nested,
    );
    if (isPreviewJob(jobScope)) checkPreviewJob(jobScope, job);
  }
  return results;
}
