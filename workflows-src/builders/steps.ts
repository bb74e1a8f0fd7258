/**
 * Shared steps and job defaults. Workflows compose these; they never spell out a checkout, a Node
 * setup or an install themselves, so a hardening decision made here holds everywhere.
 */
import type { GeneratedWorkflowTypes as GW } from "@github-actions-workflow-ts/lib";
import { actionRef } from "../actions";
import {
  contracts,
  type EnvOf,
  type OutputsOf,
  type ScriptContract,
} from "../contracts";
import {
  condition,
  expr,
  hashFiles,
  ne,
  runner,
  secret,
  jobOutput,
  render,
  renderRecord,
  stepOutput,
  text,
  type Expr,
  type Value,
} from "./expr";
import {
  COREPACK_ENABLE,
  DEPLOY_TOOLSET_SCRIPT,
  packageManagers,
  runCommand,
  type PackageManager,
} from "./package-manager";
import {
  checkId,
  checkUniqueStepIds,
  definitionSite,
  WORKFLOW_SYNTAX_DOCS,
} from "./validate";

export type Step = GW.Step;
export type Permissions = GW.PermissionsEvent;

/** Pinned image rather than ubuntu-latest: a runner upgrade should be a reviewed diff. */
export const RUNNER = "ubuntu-24.04";

/** What nearly every job needs: read the repository, nothing else. */
export const READ_CONTENTS: Permissions = { contents: "read" };

export interface CheckoutOptions {
  /**
   * The whole history instead of one commit: the release compares its commit with the serving
   * version's (git merge-base) so a run that queued behind a newer one never ships older code.
   */
  readonly fullHistory?: boolean;
  /**
   * The pull request's base commit instead of the commit under test: a job that holds secrets on
   * a pull request (the preview) runs the base branch's scripts, never the pull request's. The
   * policy allows no other ref (its checkout-ref rule).
   */
  readonly baseOfPullRequest?: boolean;
}

/** The one ref a checkout may name: the reviewed base of the pull request. */
export const PULL_REQUEST_BASE_SHA = expr("github.event.pull_request.base.sha");

/** Credentials stay out of .git/config so later steps (and scripts) cannot push with them. */
export function checkout(options: CheckoutOptions = {}): Step {
  return {
    name: options.baseOfPullRequest
      ? "Check out the base branch (its scripts, never the pull request's)"
      : "Check out",
    uses: actionRef("checkout"),
    with: {
      "persist-credentials": false,
      ...(options.fullHistory ? { "fetch-depth": 0 } : {}),
      ...(options.baseOfPullRequest
        ? { ref: render(PULL_REQUEST_BASE_SHA) }
        : {}),
    },
  };
}

export interface SetupOptions {
  /**
   * Restore the package manager's download cache (keyed on the lockfile). Default true (npm only:
   * see PackageManagerFacts.setupNodeCache). Jobs bound to an environment pass false: any branch's
   * run can write that cache, and a job holding deploy secrets must not restore what another
   * branch wrote (the audit's env-cache rule).
   */
  readonly npmCache?: boolean;
}

/** Node version comes from .nvmrc (one fact, one place). */
export function setupNode(
  manager: PackageManager,
  options: SetupOptions = {},
): Step {
  const cache = packageManagers[manager].setupNodeCache;
  return {
    name: "Set up Node from .nvmrc",
    uses: actionRef("setupNode"),
    with: {
      "node-version-file": ".nvmrc",
      // Off explicitly, not only by omission: since v5 setup-node caches by itself when
      // package.json names a packageManager, and these jobs must restore no cache at all.
      ...(options.npmCache === false || cache === undefined
        ? { "package-manager-cache": false }
        : { cache }),
    },
  };
}

/**
 * pnpm through corepack (shipped with Node ≤ 24), at the version package.json's packageManager
 * names; nothing for npm, which comes with Node.
 */
function enableManager(manager: PackageManager): Step[] {
  return packageManagers[manager].corepack
    ? [{ name: `Enable ${manager} (corepack)`, run: COREPACK_ENABLE }]
    : [];
}

/**
 * `npm ci` / `pnpm install --frozen-lockfile` only: it installs exactly the lockfile and fails if
 * package.json disagrees with it.
 */
export function install(manager: PackageManager): Step {
  const command = packageManagers[manager].install;
  return { name: `Install dependencies (${command})`, run: command };
}

/** npm's install step (`npm ci`). */
export function npmCi(): Step {
  return install("npm");
}

/** Checkout, Node, dependencies: the prologue of every job that runs our scripts. */
export function prepare(
  manager: PackageManager,
  options: CheckoutOptions & SetupOptions = {},
): Step[] {
  return [
    checkout(options),
    setupNode(manager, options),
    ...enableManager(manager),
    install(manager),
  ];
}

/**
 * `<manager> run deploy:toolset`: what the jobs bound to an environment install. The repository's
 * script decides — an adopter's is its lockfile installed with no install scripts
 * (packageManagers[m].toolsetInstall: the package's bin and the app's wrangler at locked versions);
 * this repository's is tools/deploy (wrangler, tsx, zod: ~240 MB, ~12 s from the registry, instead
 * of the app's 1 GB). No cache to restore: these jobs hold secrets, and a cache is a poisoning path.
 */
export function installDeployToolset(manager: PackageManager): Step {
  const run = runCommand(manager, DEPLOY_TOOLSET_SCRIPT);
  return {
    name: `Install the deploy toolset (${run}: no cache, no install scripts)`,
    run,
  };
}

/** The prologue of the route, deploy and rollback jobs: the slim toolset, never a cache. */
export function prepareDeployToolset(
  manager: PackageManager,
  options: CheckoutOptions = {},
): Step[] {
  return [
    checkout(options),
    setupNode(manager, { npmCache: false }),
    ...enableManager(manager),
    installDeployToolset(manager),
  ];
}

/**
 * A step whose outputs other steps or the job read: it has an `id` (GitHub addresses outputs by
 * it) and hands out typed references, so no one formats `steps.<id>.outputs.<name>` by hand.
 */
export interface OutputStep<TOutputs extends string> {
  readonly id: string;
  readonly step: Step;
  readonly outputs: { readonly [K in TOutputs]: Expr };
}

/** What a job's `steps` accepts: a plain step, or one with typed outputs. */
export type StepLike = Step | OutputStep<string>;

/** For an action step with outputs (e.g. setup-node's node-version): the id and typed references. */
export function withOutputs<TOutputs extends string>(
  id: string,
  step: Step,
  names: readonly TOutputs[],
): OutputStep<TOutputs> {
  const outputs = {} as Record<TOutputs, Expr>;
  for (const name of names) outputs[name] = stepOutput(id, name);
  return { id, step: { id, ...step }, outputs };
}

function isOutputStep(step: StepLike): step is OutputStep<string> {
  return "step" in step && "outputs" in step;
}

function unwrap(step: StepLike): Step {
  return isOutputStep(step) ? step.step : step;
}

/** Step ids of the cached prologue: the node_modules key reads the Node version setup-node installed. */
export const SETUP_NODE_STEP = "setup-node";
export const NODE_MODULES_STEP = "node-modules";

/**
 * The prologue for jobs that hold no secrets: node_modules restored from a cache, `npm ci` only on a
 * miss (then saved at once, before any step can write into node_modules). ~1 GB installs in ~25 s
 * here; a restore is a copy. Jobs with secrets keep prepare(): a cache is a poisoning path there.
 *
 * The key: node_modules is what npm ci makes of the lockfile under one Node version (native add-ons
 * such as workerd and sharp are built per Node ABI), so both are in it. package.json is too: npm ci
 * refuses a package.json that disagrees with the lockfile, and a hit skips npm ci — with
 * package.json in the key such a change misses, and npm ci still refuses it.
 */
export function prepareCached(manager: PackageManager): Step[] {
  const node = withOutputs(SETUP_NODE_STEP, setupNode(manager), [
    "node-version",
  ]);
  const lockfile = packageManagers[manager].lockfile;
  const modules = withOutputs(
    NODE_MODULES_STEP,
    {
      name: "Restore node_modules (lockfile, package.json, Node version)",
      uses: actionRef("cacheRestore"),
      with: {
        path: "node_modules",
        key: render(
          text`node-modules-${runner.os}-node${node.outputs["node-version"]}-${hashFiles(lockfile, "package.json")}`,
        ),
      },
    },
    ["cache-hit", "cache-primary-key"],
  );
  const miss = render(ne(modules.outputs["cache-hit"], "true"));
  return [
    checkout(),
    node.step,
    ...enableManager(manager),
    modules.step,
    { ...install(manager), if: miss },
    {
      name: "Save node_modules",
      if: miss,
      uses: actionRef("cacheSave"),
      with: {
        path: "node_modules",
        key: render(modules.outputs["cache-primary-key"]),
      },
    },
  ];
}

export interface NpmRunOptions {
  /** Display name; defaults to the command (`npm run <script>`). */
  name?: string;
  if?: Expr;
}

/** A contract's env, every name passed (rollback.yml passes even empty inputs; blank = unset). */
export type ContractEnv<C extends ScriptContract> = {
  readonly [K in EnvOf<C>]: Value;
};

type ContractRunOptions<C extends ScriptContract> = NpmRunOptions & {
  /** Values reach the script through env (never as an expression inside run:). */
  env: ContractEnv<C>;
  /** Secret names (environments.ts) passed after `env`, each as the `secrets.<name>` expression. */
  secrets?: readonly string[];
} & ([OutputsOf<C>] extends [never] ? { id?: never } : { id: string });

/**
 * One step = one package.json script, run by the configured manager (`npm run x`, `pnpm run x`):
 * the YAML wires, the script works (and runs the same on a laptop). A script that reads env or
 * writes outputs is called through its contract (workflows-src/contracts.ts).
 */
export function runScript(
  manager: PackageManager,
  script: string,
  options?: NpmRunOptions,
): Step;
export function runScript<C extends ScriptContract>(
  manager: PackageManager,
  contract: C,
  options: ContractRunOptions<C>,
): [OutputsOf<C>] extends [never] ? Step : OutputStep<OutputsOf<C>>;
export function runScript(
  manager: PackageManager,
  script: string | ScriptContract,
  options: NpmRunOptions & {
    id?: string;
    env?: Record<string, Value>;
    secrets?: readonly string[];
  } = {},
): Step | OutputStep<string> {
  const name = typeof script === "string" ? script : script.script;
  const command = runCommand(manager, name);
  if (typeof script === "string" && contracts.some((c) => c.script === name))
    throw new Error(
      `${command}: has a contract in workflows-src/contracts.ts — call runScript(manager, <its contract>, { env }) so its env and outputs are checked`,
    );
  const env = {
    ...(options.env ? renderRecord(options.env) : {}),
    ...Object.fromEntries(
      (options.secrets ?? []).map((secretName) => [
        secretName,
        render(secret(secretName)),
      ]),
    ),
  };
  const step: Step = {
    name: options.name ?? command,
    ...(options.if ? { if: render(options.if) } : {}),
    ...(Object.keys(env).length > 0 ? { env } : {}),
    run: command,
  };
  if (typeof script === "string" || script.outputs.length === 0) return step;
  if (!options.id)
    throw new Error(
      `${command}: writes outputs (${script.outputs.join(", ")}) — give the step an id`,
    );
  return withOutputs(options.id, step, script.outputs);
}

/** runScript with npm: for callers (tests, npm-only tools) that know the manager is npm. */
export function npmRun(script: string, options?: NpmRunOptions): Step;
export function npmRun<C extends ScriptContract>(
  contract: C,
  options: ContractRunOptions<C>,
): [OutputsOf<C>] extends [never] ? Step : OutputStep<OutputsOf<C>>;
export function npmRun(
  script: string | ScriptContract,
  options?: NpmRunOptions,
): Step | OutputStep<string> {
  return runScript("npm", script as string, options);
}

/** An artifact one job uploads and another downloads; share the constant, not the string. */
export interface Artifact {
  readonly name: string;
  readonly path: string;
}

export interface UploadOptions {
  retentionDays: number;
  if?: Expr;
  /** Reports are optional ("warn"); build outputs must exist ("error", the default). */
  ifNoFilesFound?: "error" | "warn" | "ignore";
  includeHiddenFiles?: boolean;
}

export function uploadArtifact(
  artifact: Artifact,
  options: UploadOptions,
): Step {
  return {
    name: `Upload ${artifact.name}`,
    ...(options.if ? { if: render(options.if) } : {}),
    uses: actionRef("uploadArtifact"),
    with: {
      name: artifact.name,
      path: artifact.path,
      "retention-days": options.retentionDays,
      "if-no-files-found": options.ifNoFilesFound ?? "error",
      // A re-run of the job replaces its earlier upload instead of failing on the name.
      overwrite: true,
      ...(options.includeHiddenFiles ? { "include-hidden-files": true } : {}),
    },
  };
}

/** `label` names the step when the artifact name is an expression (e.g. another job's output). */
export function downloadArtifact(
  artifact: Artifact | { readonly name: Expr; readonly path: string },
  label: string = typeof artifact.name === "string" ? artifact.name : "",
): Step {
  return {
    name: `Download ${label}`,
    uses: actionRef("downloadArtifact"),
    with: { name: render(artifact.name), path: artifact.path },
  };
}

export interface CacheOptions {
  name: string;
  path: string;
  key: Value;
  restoreKeys?: string[];
  id: string;
}

/** actions/cache; its `cache-hit` output says whether the exact key was restored. */
export function cache(options: CacheOptions): OutputStep<"cache-hit"> {
  return withOutputs(
    options.id,
    {
      name: options.name,
      uses: actionRef("cache"),
      with: {
        path: options.path,
        key: render(options.key),
        ...(options.restoreKeys
          ? { "restore-keys": options.restoreKeys.join("\n") }
          : {}),
      },
    },
    ["cache-hit"],
  );
}

/**
 * A job with a typed handle: `id` for `needs`, and `outputs` as references to
 * `needs.<id>.outputs.<name>` so a consumer never retypes a string.
 */
export interface BuiltJob<TOutputs extends string = string> {
  readonly id: string;
  readonly job: GW.NormalJob | GW.ReusableWorkflowCallJob;
  readonly outputs: { readonly [K in TOutputs]: Expr };
}

export interface JobOptions<TOutputs extends string> {
  /** @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idname */
  name: string;
  /**
   * Every job states a budget; a hung job then fails in minutes, not after GitHub's 6 hours.
   * @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idtimeout-minutes
   */
  timeoutMinutes: number;
  /**
   * Step ids are checked (pattern, unique within the job) when the job is defined.
   * @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idsteps
   */
  steps: readonly StepLike[];
  /** Job handles, not id strings. @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idneeds */
  needs?: readonly BuiltJob[];
  /** Rendered as a bare expression. @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idif */
  if?: Expr;
  /**
   * Defaults to contents: read. Grant more only where a step needs it.
   * @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idpermissions
   */
  permissions?: Permissions;
  /**
   * A job bound to an environment (it holds deploy secrets) is built by defineEnvironmentJob
   * (environment-job.ts), whose options have no escape hatch the workflow policy would refuse.
   */
  environment?: never;
  /** @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idenv */
  env?: Record<string, string>;
  /** @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idconcurrency */
  concurrency?: GW.Concurrency;
  /**
   * Job outputs: name → value, usually a step's output (`migrate.outputs.bookmark`).
   * @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idoutputs
   */
  outputs?: { readonly [K in TOutputs]: string | Expr };
  /** Defaults to RUNNER. @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idruns-on */
  runsOn?: string;
}

function needsOf(
  needs: readonly BuiltJob[] | undefined,
): GW.JobNeeds | undefined {
  if (!needs || needs.length === 0) return undefined;
  const [first, ...rest] = needs.map((n) => n.id);
  return [first as string, ...rest];
}

function outputRefs<T extends string>(
  id: string,
  names: readonly T[],
): { readonly [K in T]: Expr } {
  const refs = {} as Record<T, Expr>;
  for (const name of names) refs[name] = jobOutput(id, name);
  return refs;
}

/** Output ids are valid and each step output they map comes from a step of this job. */
function checkOutputs(
  site: string,
  jobId: string,
  steps: readonly Step[],
  outputs: Readonly<Record<string, string | Expr>>,
): void {
  const stepIds = new Set(steps.map((step) => step.id));
  for (const [name, value] of Object.entries(outputs)) {
    const field = `jobs.${jobId}.outputs.${name}`;
    checkId(site, field, name, "jobsjob_idoutputs");
    const origin = typeof value === "string" ? undefined : value.origin;
    if (origin?.kind === "step" && !stepIds.has(origin.step))
      throw new Error(
        `${site}: ${field}: step "${origin.step}" is not a step of this job — add it to steps, or pass it on as another job's output (${WORKFLOW_SYNTAX_DOCS}#jobsjob_idoutputs)`,
      );
  }
}

/** A runner job with the defaults every job gets: pinned runner, timeout, least permissions. */
export function defineJob<TOutputs extends string = never>(
  id: string,
  options: JobOptions<TOutputs>,
): BuiltJob<TOutputs> {
  const site = definitionSite();
  checkId(site, `jobs.${id}`, id, "jobsjob_id");
  const [first, ...rest] = options.steps.map(unwrap);
  if (!first) {
    throw new Error(
      `${site}: jobs.${id}.steps: empty — a job needs at least one step`,
    );
  }
  checkUniqueStepIds(
    site,
    id,
    [first, ...rest].map((step) => step.id),
  );
  checkOutputs(site, id, [first, ...rest], options.outputs ?? {});
  const needs = needsOf(options.needs);
  const job: GW.NormalJob = {
    name: options.name,
    ...(needs ? { needs } : {}),
    ...(options.if ? { if: condition(options.if) } : {}),
    "runs-on": options.runsOn ?? RUNNER,
    permissions: options.permissions ?? READ_CONTENTS,
    "timeout-minutes": options.timeoutMinutes,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.outputs ? { outputs: renderRecord(options.outputs) } : {}),
    ...(options.env ? { env: options.env } : {}),
    steps: [first, ...rest],
  };
  const names = Object.keys(options.outputs ?? {}) as TOutputs[];
  return { id, job, outputs: outputRefs(id, names) };
}

/** What a caller needs of a reusable workflow (a WorkflowDefinition is one). */
export interface CallableWorkflow<TOutputs extends string> {
  /** File name under .github/workflows/, e.g. "quality.yml". */
  readonly file: string;
  /** Names it declares under on.workflow_call.outputs (from defineWorkflow's `callOutputs`). */
  readonly callOutputs: readonly TOutputs[];
}

export interface CallWorkflowOptions<TOutputs extends string> {
  name: string;
  /** A workflow of this repository that has `on.workflow_call`; its outputs become this job's. */
  workflow: CallableWorkflow<TOutputs>;
  needs?: readonly BuiltJob[];
  if?: Expr;
  /** The called jobs cannot exceed these; defaults to contents: read. */
  permissions?: Permissions;
  with?: Record<string, string | number | boolean>;
}

/**
 * A job that runs a reusable workflow of this repository. GitHub does not allow timeout-minutes on
 * such a job: the called workflow's own jobs carry their timeouts. No `secrets: inherit` — a caller
 * that must pass secrets names them, and only from a job bound to an environment.
 */
export function callWorkflow<TOutputs extends string>(
  id: string,
  options: CallWorkflowOptions<TOutputs>,
): BuiltJob<TOutputs> {
  checkId(definitionSite(), `jobs.${id}`, id, "jobsjob_id");
  const needs = needsOf(options.needs);
  const job: GW.ReusableWorkflowCallJob = {
    name: options.name,
    ...(needs ? { needs } : {}),
    ...(options.if ? { if: condition(options.if) } : {}),
    permissions: options.permissions ?? READ_CONTENTS,
    uses: `./.github/workflows/${options.workflow.file}`,
    ...(options.with ? { with: options.with } : {}),
  };
  return { id, job, outputs: outputRefs(id, options.workflow.callOutputs) };
}
