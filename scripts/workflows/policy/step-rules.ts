/**
 * The rules for one step (of a job or of a composite action): what it uses, what it runs, how and
 * where it runs, and what it may not do in a job bound to an environment.
 */
import { isBaseShaRef } from "./preview-rules";
import { expressionsIn, untrustedIn } from "./expressions";
import { judgeRun } from "./npm-scripts";
import { pinMismatches, PINS_FILE } from "./pins";
import { scriptOf } from "./script-of";
import {
  EMPTY_SUMMARY,
  report,
  type ActionSummary,
  type JobScope,
  type Scope,
} from "./scope";
import {
  child,
  entries,
  entry,
  inputsOf,
  isScalar,
  literal,
  scalars,
  text,
  type Node,
} from "./yaml-tree";

const LOCAL_ACTION = /^\.\/\.github\/actions\/[A-Za-z0-9_-][A-Za-z0-9_.-]*\/?$/;

const CATALOG = "workflows-src/actions.ts";

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
  if (shell && literal(shell.value) !== "bash") {
    report(
      scope,
      "run-allowed",
      shell.pair,
      `${where} runs with shell: ${text(shell.value) ?? "…"} — a custom shell runs its own command; leave shell out (or bash in a composite action)`,
    );
  }
  const directory = entry(owner, "working-directory");
  // "." and "./" are the repository root (the runner joins it to GITHUB_WORKSPACE).
  const dir = literal(directory?.value);
  if (directory && dir !== "." && dir !== "./") {
    report(
      scope,
      "run-allowed",
      directory.pair,
      `${where} runs in working-directory: ${text(directory.value) ?? "…"} — npm would read another package.json there; run from the repository root`,
    );
  }
}

/**
 * Environment variables that change what npm, node, bash or git execute, in any job. Jobs bound to
 * an environment go further: their env is an allow-list (environment-rules.ts).
 */
const HIJACKING_ENV =
  /^(?:npm_config_.*|npm_.*|NODE_OPTIONS|NODE_PATH|NODE_REPL_EXTERNAL_MODULE|BASH_ENV|ENV|BASH_FUNC_.*|SHELLOPTS|BASHOPTS|PS4|PROMPT_COMMAND|IFS|LD_PRELOAD|LD_LIBRARY_PATH|LD_AUDIT|PATH|GIT_CONFIG.*|GIT_SSH.*|GIT_EXEC_PATH|GIT_ASKPASS|GIT_EXTERNAL_DIFF|GIT_PROXY_COMMAND)$/i;

export function checkEnv(
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

export function checkDefaults(scope: Scope, where: string, owner: Node): void {
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
  const input = inputsOf(step).get("cache");
  if (!input) return false;
  const cacheInput = literal(input.value);
  return cacheInput !== "" && cacheInput !== "false";
}

/** What a step contributes to its job, and the summary of the local action it uses. */
export interface StepResult extends ActionSummary {
  readonly nested: ActionSummary | undefined;
}

export function checkStep(
  scope: JobScope,
  step: Node,
  index: number,
): StepResult {
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
    const inputs = inputsOf(step);
    if (/^actions\/checkout@/.test(uses)) {
      const persist = literal(inputs.get("persist-credentials")?.value);
      if (persist !== "false") {
        report(
          scope,
          "checkout-credentials",
          step,
          `${where}: checkout keeps credentials — set persist-credentials: false (use checkout())`,
        );
      }
      for (const input of ["repository", "ref"]) {
        const other = inputs.get(input);
        // The one ref allowed: the pull request's base commit, reviewed code (preview-rules.ts).
        if (input === "ref" && isBaseShaRef(text(other?.value))) continue;
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
        const other = inputs.get(input);
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
  const reached = [...(nested?.reached ?? [])];
  const files = [...(nested?.files ?? [])];
  const runNode = child(step, "run");
  if (runNode) {
    const run = literal(runNode);
    const verdict = judgeRun(
      run ?? "",
      scope.ctx.scripts,
      (file) => scope.ctx.readFile(file) !== undefined,
      scope.ctx.packageManager,
      scope.ctx.readFile,
    );
    for (const finding of verdict.findings) {
      report(scope, finding.rule, runNode, `${where} ${finding.message}`);
    }
    downloads.push(...verdict.downloads);
    reached.push(...verdict.reached);
    files.push(...verdict.files);
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
  const inputs = inputsOf(step);
  checkUntrusted(scope, where, "with.args", inputs.get("args")?.value);
  checkUntrusted(scope, where, "with.script", inputs.get("script")?.value);
  const cache = restoresCache(step, uses) || (nested?.restoresCache ?? false);
  const continueOnError = entry(step, "continue-on-error");
  const mayFail =
    (continueOnError !== undefined &&
      literal(continueOnError.value) !== "false") ||
    (nested?.continueOnError ?? false);
  const env = [
    ...entries(child(step, "env")).map((e) => ({
      name: e.key,
      script: scriptOf(step),
    })),
    ...(nested?.env ?? []),
  ];
  if (scope.environment !== undefined) {
    if (continueOnError && literal(continueOnError.value) !== "false") {
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
    const changed = pinMismatches({ reached, files }, scope.ctx);
    if (changed.length > 0) {
      report(
        scope,
        "script-pinned",
        runNode ?? usesNode ?? step,
        `${where} runs code that differs from ${PINS_FILE} in a job bound to environment ${scope.environment}: ${changed.join(", ")} — run npm run gen:workflows and have the change reviewed`,
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
  return {
    restoresCache: cache,
    downloads,
    continueOnError: mayFail,
    env,
    reached,
    files,
    actionSteps: [
      ...(usesNode && uses !== undefined && !uses.startsWith("./")
        ? [step]
        : []),
      ...(nested?.actionSteps ?? []),
    ],
    conditionalRuns:
      (runNode && entry(step, "if") ? 1 : 0) + (nested?.conditionalRuns ?? 0),
    nested,
  };
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
  scope.actionsSeen.set(dir, EMPTY_SUMMARY);
  const result = scope.auditAction(file, content);
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
  return scope.actionsSeen.get(dir) ?? EMPTY_SUMMARY;
}
