/**
 * Shared steps and job defaults. Workflows compose these; they never spell out a checkout, a Node
 * setup or an install themselves, so a hardening decision made here holds everywhere.
 */
import type { GeneratedWorkflowTypes as GW } from "@github-actions-workflow-ts/lib";
import { actionRef } from "../actions";

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
}

/** Credentials stay out of .git/config so later steps (and scripts) cannot push with them. */
export function checkout(options: CheckoutOptions = {}): Step {
  return {
    name: "Check out",
    uses: actionRef("checkout"),
    with: {
      "persist-credentials": false,
      ...(options.fullHistory ? { "fetch-depth": 0 } : {}),
    },
  };
}

/** Node version comes from .nvmrc (one fact, one place); npm's download cache is keyed on the lockfile. */
export function setupNode(): Step {
  return {
    name: "Set up Node from .nvmrc",
    uses: actionRef("setupNode"),
    with: { "node-version-file": ".nvmrc", cache: "npm" },
  };
}

/** `npm ci` only: it installs exactly the lockfile and fails if package.json disagrees with it. */
export function npmCi(): Step {
  return { name: "Install dependencies (npm ci)", run: "npm ci" };
}

/** Checkout, Node, dependencies: the prologue of every job that runs our scripts. */
export function prepare(options: CheckoutOptions = {}): Step[] {
  return [checkout(options), setupNode(), npmCi()];
}

/** Step ids of the cached prologue: the node_modules key reads the Node version setup-node installed. */
export const SETUP_NODE_STEP = "setup-node";
export const NODE_MODULES_STEP = "node-modules";

/**
 * node_modules is what npm ci makes of the lockfile under one Node version (native add-ons such as
 * workerd and sharp are built per Node ABI), so both are in the key. package.json is too: npm ci
 * refuses a package.json that disagrees with the lockfile, and a hit skips npm ci — with
 * package.json in the key such a change misses and npm ci still refuses it.
 */
export const NODE_MODULES_KEY = `node-modules-\${{ runner.os }}-node\${{ steps.${SETUP_NODE_STEP}.outputs.node-version }}-\${{ hashFiles('package-lock.json', 'package.json') }}`;

/**
 * The prologue for jobs that hold no secrets: node_modules restored from a cache, `npm ci` only on a
 * miss (then saved at once, before any step can write into node_modules). ~1 GB installs in ~25 s
 * here; a restore is a copy. Jobs with secrets keep prepare(): a cache is a poisoning path there.
 */
export function prepareCached(): Step[] {
  const miss = `\${{ steps.${NODE_MODULES_STEP}.outputs.cache-hit != 'true' }}`;
  return [
    checkout(),
    { id: SETUP_NODE_STEP, ...setupNode() },
    {
      id: NODE_MODULES_STEP,
      name: "Restore node_modules (lockfile + Node version)",
      uses: actionRef("cacheRestore"),
      with: { path: "node_modules", key: NODE_MODULES_KEY },
    },
    { ...npmCi(), if: miss },
    {
      name: "Save node_modules",
      if: miss,
      uses: actionRef("cacheSave"),
      with: {
        path: "node_modules",
        key: `\${{ steps.${NODE_MODULES_STEP}.outputs.cache-primary-key }}`,
      },
    },
  ];
}

export interface NpmRunOptions {
  /** Display name; defaults to `npm run <script>`. */
  name?: string;
  id?: string;
  if?: string;
  /** Values reach the script through env (never `${{ }}` inside run:). */
  env?: Record<string, string>;
}

/** One step = one npm script: the YAML wires, the script works (and runs the same on a laptop). */
export function npmRun(script: string, options: NpmRunOptions = {}): Step {
  return {
    ...(options.id ? { id: options.id } : {}),
    name: options.name ?? `npm run ${script}`,
    ...(options.if ? { if: options.if } : {}),
    ...(options.env ? { env: options.env } : {}),
    run: `npm run ${script}`,
  };
}

/** An artifact one job uploads and another downloads; share the constant, not the string. */
export interface Artifact {
  readonly name: string;
  readonly path: string;
}

export interface UploadOptions {
  retentionDays: number;
  if?: string;
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
    ...(options.if ? { if: options.if } : {}),
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
  artifact: Artifact,
  label = artifact.name,
): Step {
  return {
    name: `Download ${label}`,
    uses: actionRef("downloadArtifact"),
    with: { name: artifact.name, path: artifact.path },
  };
}

export interface CacheOptions {
  name: string;
  path: string;
  key: string;
  restoreKeys?: string[];
  id?: string;
}

export function cache(options: CacheOptions): Step {
  return {
    ...(options.id ? { id: options.id } : {}),
    name: options.name,
    uses: actionRef("cache"),
    with: {
      path: options.path,
      key: options.key,
      ...(options.restoreKeys
        ? { "restore-keys": options.restoreKeys.join("\n") }
        : {}),
    },
  };
}

/**
 * A job with a typed handle: `id` for `needs`, and `outputs` as ready-made
 * `${{ needs.<id>.outputs.<name> }}` expressions so a consumer never retypes a string.
 */
export interface BuiltJob<TOutputs extends string = string> {
  readonly id: string;
  readonly job: GW.NormalJob | GW.ReusableWorkflowCallJob;
  readonly outputs: { readonly [K in TOutputs]: string };
}

export interface JobOptions<TOutputs extends string> {
  name: string;
  /** Every job states a budget; a hung job then fails in minutes, not after GitHub's 6 hours. */
  timeoutMinutes: number;
  steps: readonly Step[];
  needs?: readonly BuiltJob[];
  if?: string;
  /** Defaults to contents: read. Grant more only where a step needs it. */
  permissions?: Permissions;
  /** Required for any job that reads secrets (they live in GitHub Environments). */
  environment?: GW.Environment;
  env?: Record<string, string>;
  concurrency?: GW.Concurrency;
  /** Job outputs: name → value expression (usually `${{ steps.<id>.outputs.<x> }}`). */
  outputs?: { readonly [K in TOutputs]: string };
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
  outputs: { readonly [K in T]: string } | undefined,
): { readonly [K in T]: string } {
  const refs = {} as Record<T, string>;
  for (const key of Object.keys(outputs ?? {}) as T[]) {
    refs[key] = `\${{ needs.${id}.outputs.${key} }}`;
  }
  return refs;
}

/** A runner job with the defaults every job gets: pinned runner, timeout, least permissions. */
export function defineJob<TOutputs extends string = never>(
  id: string,
  options: JobOptions<TOutputs>,
): BuiltJob<TOutputs> {
  const [first, ...rest] = options.steps;
  if (!first) {
    throw new Error(`jobs.${id}.steps: empty — a job needs at least one step`);
  }
  const needs = needsOf(options.needs);
  const job: GW.NormalJob = {
    name: options.name,
    ...(needs ? { needs } : {}),
    ...(options.if ? { if: options.if } : {}),
    "runs-on": options.runsOn ?? RUNNER,
    ...(options.environment ? { environment: options.environment } : {}),
    permissions: options.permissions ?? READ_CONTENTS,
    "timeout-minutes": options.timeoutMinutes,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.outputs ? { outputs: { ...options.outputs } } : {}),
    ...(options.env ? { env: options.env } : {}),
    steps: [first, ...rest],
  };
  return { id, job, outputs: outputRefs(id, options.outputs) };
}

export interface CallWorkflowOptions<TOutputs extends string> {
  name: string;
  /** Outputs the called workflow declares under on.workflow_call.outputs. */
  outputs?: readonly TOutputs[];
  /** File name of a workflow in this repository, e.g. "quality.yml". */
  workflow: string;
  needs?: readonly BuiltJob[];
  if?: string;
  /** The called jobs cannot exceed these; defaults to contents: read. */
  permissions?: Permissions;
  with?: Record<string, string | number | boolean>;
}

/**
 * A job that runs a reusable workflow of this repository. GitHub does not allow timeout-minutes on
 * such a job: the called workflow's own jobs carry their timeouts. No `secrets: inherit` — a caller
 * that must pass secrets names them, and only from a job bound to an environment.
 */
export function callWorkflow<TOutputs extends string = never>(
  id: string,
  options: CallWorkflowOptions<TOutputs>,
): BuiltJob<TOutputs> {
  const needs = needsOf(options.needs);
  const job: GW.ReusableWorkflowCallJob = {
    name: options.name,
    ...(needs ? { needs } : {}),
    ...(options.if ? { if: options.if } : {}),
    permissions: options.permissions ?? READ_CONTENTS,
    uses: `./.github/workflows/${options.workflow}`,
    ...(options.with ? { with: options.with } : {}),
  };
  const outputs = {} as Record<TOutputs, string>;
  for (const key of options.outputs ?? []) outputs[key] = key;
  return { id, job, outputs: outputRefs(id, outputs) };
}
