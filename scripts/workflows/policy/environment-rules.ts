/**
 * Allow-lists for a job bound to an environment (it holds deploy secrets): what its env may name,
 * which inputs each catalog action may get, where secrets may appear, which conditions, images,
 * concurrency and continue-on-error it may have. What is not listed here is refused.
 */
import { scriptOf } from "./script-of";
import { secretUse } from "./expressions";
import { isBaseShaRef } from "./preview-rules";
import { readValue } from "./template";
import { report, type ActionSummary, type JobScope } from "./scope";
import { stillRequiresSuccess } from "./status-functions";
import { readCondition } from "./template";
import {
  child,
  entries,
  entry,
  inputsOf,
  isMap,
  isScalar,
  items,
  literal,
  scalars,
  text,
  type Entry,
  type Node,
} from "./yaml-tree";

/**
 * Env names any step of an environment job may set besides its script's contract. Each changes
 * only how output looks, never what runs or where it connects.
 */
export const RUNNER_ENV_ALLOWED: Readonly<Record<string, string>> = {
  FORCE_COLOR: "colours in the log",
  NO_COLOR: "no colours in the log",
  TZ: "timestamps in the log",
};

/**
 * Images a job bound to an environment may run in or next to. Empty: a digest pins bytes, not a
 * review, and a service container shares the job's network. Add one with the reason it is needed.
 */
export const ENV_IMAGES_ALLOWED: ReadonlySet<string> = new Set<string>();

const inWorkspace = (value: string | undefined) =>
  value !== undefined &&
  value !== "" &&
  !value.startsWith("/") &&
  !value.startsWith("~") &&
  !/^[A-Za-z]:/.test(value) &&
  !value.split(/[\\/]/).includes("..") &&
  !value.includes("${{");

type InputRule = (value: string | undefined, raw: Node | null) => boolean;

const exactly =
  (...allowed: string[]): InputRule =>
  (value) =>
    value !== undefined && allowed.includes(value);

/** Any value, expressions included (an artifact's name carries no code). */
const anyValue: InputRule = () => true;

/**
 * Per catalog action (repo without ref), the inputs a step may pass in an environment job and the
 * values each may take. An action not listed here does not run in an environment job at all.
 */
export const ENV_ACTION_INPUTS: Readonly<
  Record<string, Readonly<Record<string, InputRule>>>
> = {
  // No repository/token/ssh-key/github-server-url/path: the commit under test, from github.com,
  // into the workspace, with no credential left behind.
  "actions/checkout": {
    "persist-credentials": exactly("false"),
    // The pull request's base commit only (a preview runs the base branch's scripts).
    ref: (_value, raw) => isBaseShaRef(text(raw)),
    "fetch-depth": (v) => v !== undefined && /^\d+$/.test(v),
  },
  // Node from .nvmrc only: no mirror, registry-url, token, cache or version from elsewhere.
  "actions/setup-node": {
    "node-version-file": exactly(".nvmrc"),
    "package-manager-cache": exactly("false"),
  },
  // This run's artifact (artifact-same-run refuses run-id/github-token), into the workspace.
  "actions/download-artifact": {
    name: anyValue,
    path: inWorkspace,
  },
  // Logs out of the workspace; no hidden files (.git, .env), no compression tweaks.
  "actions/upload-artifact": {
    name: anyValue,
    path: inWorkspace,
    "retention-days": (v) => v !== undefined && /^\d+$/.test(v),
    "if-no-files-found": exactly("warn", "error", "ignore"),
    overwrite: exactly("true", "false"),
  },
};

/** `${{ secrets.NAME }}` and nothing else: the secret's upper-cased name. */
function secretOnly(node: Node | null): string | undefined {
  const value = text(node);
  if (value === undefined) return undefined;
  const read = readValue(value);
  if (read.expressions.length !== 1 || !/^\s*\$\{\{[^}]*\}\}\s*$/.test(value)) {
    return undefined;
  }
  const expr = read.expressions[0];
  if (expr?.kind !== "index" || expr.object.kind !== "context")
    return undefined;
  const use = secretUse([expr]);
  return use.dynamic ? undefined : use.names[0];
}

/** Whether an env entry of a step running `script` is allowed in an environment job. */
export function envNameAllowed(
  scope: JobScope,
  name: string,
  script: string | undefined,
): boolean {
  if (Object.hasOwn(RUNNER_ENV_ALLOWED, name)) return true;
  return (
    script !== undefined &&
    (scope.ctx.contracts.get(script) ?? []).includes(name)
  );
}

function checkStepEnv(scope: JobScope, where: string, step: Node): void {
  const script = scriptOf(step);
  const isRun = child(step, "run") !== undefined;
  const allowed = scope.ctx.environments.get(scope.environment ?? "") ?? [];
  for (const variable of entries(child(step, "env"))) {
    const secret = isRun ? secretOnly(variable.value) : undefined;
    if (
      secret !== undefined &&
      secret === variable.key &&
      allowed.includes(secret)
    )
      continue;
    if (isRun && envNameAllowed(scope, variable.key, script)) continue;
    report(
      scope,
      "env-name",
      variable.pair,
      isRun
        ? `${where} sets ${variable.key}, which is not in the contract of ${script ? `npm run ${script}` : "its command"} (workflows-src/contracts.ts) — in a job bound to ${scope.environment}, env holds only the script's declared names, NAME: \${{ secrets.NAME }} for its secrets, and ${Object.keys(RUNNER_ENV_ALLOWED).join("/")}`
        : `${where} sets env ${variable.key} on an action step in a job bound to ${scope.environment} — actions get inputs, not env`,
    );
  }
}

function checkActionInputs(
  scope: JobScope,
  where: string,
  step: Node,
  uses: string,
  /** Where to point when the step is in another file (a local action): the job's own step. */
  at?: Node,
): void {
  const repo = uses.slice(0, Math.max(uses.lastIndexOf("@"), 0)) || uses;
  if (uses.startsWith("./")) return;
  const rules = ENV_ACTION_INPUTS[repo];
  const usesAt = at ?? child(step, "uses") ?? step;
  if (!rules) {
    report(
      scope,
      "env-action-input",
      usesAt,
      `${where} runs ${repo}, which is not allowed in a job bound to ${scope.environment} — allowed: ${Object.keys(ENV_ACTION_INPUTS).join(", ")} (ENV_ACTION_INPUTS in scripts/workflows/policy/environment-rules.ts)`,
    );
    return;
  }
  for (const [name, input] of inputsOf(step)) {
    const rule = rules[name];
    const value = literal(input.value);
    if (rule?.(value, input.value)) continue;
    report(
      scope,
      "env-action-input",
      at ?? input.pair,
      rule
        ? `${where}: ${repo} input ${input.key}: ${text(input.value) ?? "…"} is not an allowed value in a job bound to ${scope.environment} — use the builder's value (workflows-src/builders)`
        : `${where}: ${repo} input ${input.key} is not allowed in a job bound to ${scope.environment} — allowed: ${Object.keys(rules).join(", ")}`,
    );
  }
}

/** Where secrets may appear in an environment job: only `NAME: ${{ secrets.NAME }}` in a run step's env. */
function checkSecretPlacement(scope: JobScope, job: Node): void {
  const outside: Entry[] = [];
  for (const e of entries(job)) {
    if (e.key !== "steps") {
      outside.push(e);
      continue;
    }
    for (const step of items(e.value)) {
      const isRun = child(step, "run") !== undefined;
      for (const s of entries(step)) {
        if (!(isRun && s.key === "env")) outside.push(s);
      }
    }
  }
  for (const e of outside) {
    const expressions = scalars(e.value).flatMap((s) => [
      ...readValue(s.value).expressions,
    ]);
    const condition =
      e.key === "if" ? readCondition(text(e.value) ?? "") : undefined;
    if (condition?.ok) expressions.push(condition.expr);
    const use = secretUse(expressions);
    if (use.dynamic || use.names.length > 0) {
      report(
        scope,
        "secrets-placement",
        e.pair,
        `${scope.where} (environment ${scope.environment}) reads secrets in ${e.key} — secrets go only in the env: of the run: step that needs them (NAME: \${{ secrets.NAME }}), never to actions, services or the whole job`,
      );
    }
  }
}

/** Concurrency that never cancels a deploy: required on the job; `cancel-in-progress` literally false. */
export function concurrencyProblem(
  node: Node | null | undefined,
): string | undefined {
  if (node === undefined || node === null) return "no concurrency";
  if (isScalar(node)) {
    return literal(node) === undefined
      ? "concurrency is an expression, which may set cancel-in-progress: true"
      : undefined;
  }
  if (!isMap(node)) return "concurrency is not a mapping";
  const cancel = entry(node, "cancel-in-progress");
  if (cancel && literal(cancel.value) !== "false") {
    return `cancel-in-progress: ${text(cancel.value) ?? "…"}`;
  }
  return undefined;
}

export function needsOf(job: Node | null | undefined): string[] {
  const needs = child(job, "needs");
  const single = text(needs);
  return single !== undefined
    ? [single]
    : items(needs).map((n) => text(n) ?? "");
}

export function checkEnvironmentJob(
  scope: JobScope,
  job: Node,
  actionOf: (step: Node) => ActionSummary | undefined,
): void {
  const name = scope.environment;
  const continueOnError = entry(job, "continue-on-error");
  if (continueOnError && literal(continueOnError.value) !== "false") {
    report(
      scope,
      "env-continue-on-error",
      continueOnError.pair,
      `${scope.where} (environment ${name}) has continue-on-error — a failed deploy must fail the run: remove it`,
    );
  }
  const concurrency = entry(job, "concurrency");
  const problem = concurrencyProblem(concurrency?.value);
  if (problem) {
    report(
      scope,
      "env-cancel-in-progress",
      concurrency?.pair ?? scope.at,
      `${scope.where} (environment ${name}): ${problem} — a deploy must never be cancelled or run twice at once: concurrency: { group, cancel-in-progress: false } (environmentConcurrency())`,
    );
  }
  const condition = entry(job, "if");
  const conditionText = condition
    ? (literal(condition.value) ?? text(condition.value))
    : undefined;
  if (condition && conditionText !== undefined) {
    const read = readCondition(conditionText);
    if (read.ok && !stillRequiresSuccess(read.expr, needsOf(job))) {
      report(
        scope,
        "env-if-always",
        condition.pair,
        `${scope.where} (environment ${name}) runs with "${conditionText}" even when the jobs it needs failed — a status function (always/failure/cancelled/success, any case) drops GitHub's implicit success(): drop it, or add needs.<job>.result == 'success' for every job it needs`,
      );
    }
  }
  for (const kind of ["container", "services"] as const) {
    const node = child(job, kind);
    if (!node) continue;
    const images =
      kind === "container"
        ? [text(node) ?? text(child(node, "image"))]
        : entries(node).map(
            (s) => text(s.value) ?? text(child(s.value, "image")),
          );
    if (
      images.every(
        (image) => image !== undefined && ENV_IMAGES_ALLOWED.has(image),
      )
    )
      continue;
    report(
      scope,
      "env-image",
      entry(job, kind)?.pair ?? scope.at,
      `${scope.where} (environment ${name}) runs ${kind} ${images.join(", ")} — an image (even by digest) is code nobody reviewed, next to the deploy secrets: remove it (or add it with its reason to ENV_IMAGES_ALLOWED)`,
    );
  }
  checkSecretPlacement(scope, job);
  for (const e of entries(child(job, "env"))) {
    if (Object.hasOwn(RUNNER_ENV_ALLOWED, e.key)) continue;
    report(
      scope,
      "env-name",
      e.pair,
      `${scope.where} (environment ${name}) sets ${e.key} for every step — set env on the run: step whose script's contract names it`,
    );
  }
  items(child(job, "steps")).forEach((step, index) => {
    const where = `${scope.where} step ${index + 1}`;
    checkStepEnv(scope, where, step);
    const uses = text(child(step, "uses"));
    if (uses !== undefined) checkActionInputs(scope, where, step, uses);
    const stepIf = entry(step, "if");
    if (
      stepIf &&
      (child(step, "run") !== undefined || uses?.startsWith("./"))
    ) {
      report(
        scope,
        "env-step-if",
        stepIf.pair,
        `${where} (environment ${name}) runs a script under if: ${text(stepIf.value) ?? "…"} — the builders emit none: every deploy step runs, in order, only after the ones before it succeeded`,
      );
    }
    const summary = actionOf(step);
    for (const inner of summary?.actionSteps ?? []) {
      const innerUses = text(child(inner, "uses"));
      if (innerUses !== undefined) {
        checkActionInputs(
          scope,
          `${where} (${uses ?? "local action"})`,
          inner,
          innerUses,
          child(step, "uses") ?? step,
        );
      }
    }
    if ((summary?.conditionalRuns ?? 0) > 0) {
      report(
        scope,
        "env-step-if",
        child(step, "uses") ?? step,
        `${where} uses ${uses ?? "a local action"}, whose run: steps carry their own if: — in a job bound to ${name}, scripts run in order, each only after the ones before succeeded`,
      );
    }
    if (summary?.continueOnError) {
      report(
        scope,
        "env-continue-on-error",
        child(step, "uses") ?? step,
        `${where} uses ${uses ?? "a local action"}, which has a continue-on-error step — a failure there must fail the deploy: remove it`,
      );
    }
    for (const variable of summary?.env ?? []) {
      if (envNameAllowed(scope, variable.name, variable.script)) continue;
      report(
        scope,
        "env-name",
        child(step, "uses") ?? step,
        `${where} uses ${uses ?? "a local action"}, whose steps set ${variable.name} — not in the contract of ${variable.script ? `npm run ${variable.script}` : "its command"} (workflows-src/contracts.ts)`,
      );
    }
  });
}
