/**
 * What each npm script a workflow step calls reads from env and writes to GITHUB_OUTPUT, declared
 * once. The builders pass env and read outputs through these (`npmRun(contract, { env })`), and the
 * CLIs under scripts/ read env and write outputs through the same objects (scripts may import
 * workflows-src, never the reverse), so renaming a name here fails typecheck on both sides.
 * GITHUB_* variables the runner sets are not listed: no step passes them.
 */

export interface ScriptContract<
  TEnv extends string = string,
  TOutputs extends string = string,
> {
  /** The npm script in package.json. */
  readonly script: string;
  /** Variables a workflow step passes in `env:` (each also a CLI option's fallback). */
  readonly env: readonly TEnv[];
  /** Names the script writes to GITHUB_OUTPUT (`steps.<id>.outputs.<name>`). */
  readonly outputs: readonly TOutputs[];
}

export type EnvOf<C> = C extends ScriptContract<infer E, string> ? E : never;
export type OutputsOf<C> =
  C extends ScriptContract<string, infer O> ? O : never;

/** Values for a contract's env when a script (not a workflow) calls the npm script. */
export function contractEnv<C extends ScriptContract>(
  _contract: C,
  values: { readonly [K in EnvOf<C>]: string },
): Record<string, string> {
  return { ...values };
}

function contract<const TEnv extends string, const TOutputs extends string>(
  declaration: ScriptContract<TEnv, TOutputs>,
): ScriptContract<TEnv, TOutputs> {
  return declaration;
}

/** Which environment a deploy.yml run deploys (scripts/deploy/route-cli.ts). */
export const routeContract = contract({
  script: "deploy:route",
  env: ["DEPLOY_INPUT_ENVIRONMENT"],
  outputs: ["environment"],
});

/** D1 migrations with a Time Travel bookmark first (scripts/deploy/migrate-cli.ts). */
export const migrateContract = contract({
  script: "deploy:migrate",
  env: ["DEPLOY_ENV"],
  outputs: ["bookmark", "applied"],
});

/** Upload, check, promote, verify (scripts/deploy/release-cli.ts). */
export const releaseContract = contract({
  script: "deploy:release",
  env: ["DEPLOY_ENV", "DEPLOY_BOOKMARK"],
  outputs: ["outcome", "version-id", "previous-version-id", "preview-url"],
});

/** Where deploy:rollback saves the database before a restore; rollback.yml uploads it from there. */
export const D1_EXPORT_DIR = "reports/d1-export";
/** How long GitHub keeps that artifact (its default is 90 days); deploy:rollback prints it too. */
export const D1_EXPORT_RETENTION_DAYS = 7;

/** Worker and/or D1 rollback from rollback.yml's inputs (scripts/deploy/rollback-cli.ts). */
export const rollbackContract = contract({
  script: "deploy:rollback",
  env: [
    "DEPLOY_ENV",
    "ROLLBACK_VERSION_ID",
    "ROLLBACK_SKIP_WORKER",
    "ROLLBACK_BOOKMARK",
    "ROLLBACK_BEFORE_MIGRATION",
    "ROLLBACK_TIMESTAMP",
  ],
  outputs: ["undo-bookmark"],
});

/** Polls /api/health (scripts/deploy/health-check-cli.ts). */
export const healthCheckContract = contract({
  script: "health:check",
  env: ["HEALTH_URL", "HEALTH_EXPECT_VERSION"],
  outputs: ["healthy"],
});

/**
 * The OpenNext build; APP_VERSION is baked into /api/health's version. Read by next.config.ts (app
 * code may not import workflows-src, .dependency-cruiser.cjs), so only the passing side is typed.
 */
export const buildWorkerContract = contract({
  script: "build:worker",
  env: ["APP_VERSION"],
  outputs: [],
});

/**
 * The version of a package installed by npm ci (scripts/ci/installed-version-cli.ts): the e2e job
 * keys its browser cache on it at run time, so the generated YAML carries no version.
 */
export const installedVersionContract = contract({
  script: "ci:installed-version",
  env: ["INSTALLED_PACKAGE"],
  outputs: ["version"],
});

/** One time-balanced part of the unit suite (scripts/test-runner/unit-shard-cli.ts). */
export const unitShardContract = contract({
  script: "test:unit:shard",
  env: ["UNIT_SHARD"],
  outputs: [],
});

export const cloudRehearsalContract = contract({
  script: "rehearse:cloud",
  env: ["CLOUD_PART"],
  outputs: [],
});

/**
 * The N−1 check (scripts/compat/cli.ts): the build serving the environment that COMPAT_BRANCH
 * deploys, on this change's schema. GITHUB_TOKEN (read-only: actions: read) finds that build.
 */
export const compatContract = contract({
  script: "check:compat",
  env: ["COMPAT_BRANCH"],
  outputs: [],
});

/**
 * A pull request's preview (scripts/deploy/preview/preview-cli.ts): its number and head commit,
 * and where the job put the pull request's migrations and seed (read as data, never run).
 */
export const previewContract = contract({
  script: "deploy:preview",
  env: ["PREVIEW_PR", "PREVIEW_SHA", "PREVIEW_DATA_DIR"],
  outputs: ["url", "version-id", "database"],
});

/**
 * Deletes a closed pull request's preview database, or (PREVIEW_SWEEP) every preview database whose
 * pull request is not in PREVIEW_OPEN (the open ones, listed by preview:open-pulls in a job
 * without deploy secrets: the job holding the Cloudflare token holds no GitHub token).
 */
export const previewCleanupContract = contract({
  script: "deploy:preview:cleanup",
  env: ["PREVIEW_PR", "PREVIEW_SWEEP", "PREVIEW_OPEN"],
  outputs: ["removed"],
});

/** The repository's open pull requests (GITHUB_TOKEN with pull-requests: read), for the sweep. */
export const openPullsContract = contract({
  script: "preview:open-pulls",
  env: [],
  outputs: ["open"],
});

export const contracts = [
  routeContract,
  migrateContract,
  releaseContract,
  rollbackContract,
  healthCheckContract,
  buildWorkerContract,
  installedVersionContract,
  unitShardContract,
  cloudRehearsalContract,
  compatContract,
  previewContract,
  previewCleanupContract,
  openPullsContract,
] as const;
