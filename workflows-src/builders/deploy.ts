/**
 * Deploy and rollback jobs, one per environment from environments.ts. Steps only wire: each calls
 * an npm script from scripts/deploy/ (the same ones `npm run rehearse` and the drills exercise),
 * and every value reaches a script through env — never interpolated into `run:`.
 *
 * Approval shape: GitHub asks for approval once per *job* that references a protected environment,
 * so migrate and deploy are two phases of ONE job per environment. The approver of production
 * approves once and that covers the migration and the release it belongs to; the job-level
 * concurrency group then also covers both, so no other run can slip a migration in between.
 * Staging uses the same shape (no approval configured) so both paths are the same code.
 */
import type { GeneratedWorkflowTypes as GW } from "@github-actions-workflow-ts/lib";
import type { Environment } from "./environment-model";
import {
  D1_EXPORT_DIR,
  D1_EXPORT_RETENTION_DAYS,
  migrateContract,
  releaseContract,
  rollbackContract,
  routeContract,
} from "../contracts";
import {
  defineEnvironmentJob,
  environmentDownload,
  environmentPrologue,
  environmentRun,
  environmentUpload,
  type EnvironmentStep,
} from "./environment-job";
import { eq, input, type Expr } from "./expr";
import type { PackageManager } from "./package-manager";
import { WORKER_ARTIFACT_OUTPUT, workerArtifact } from "./quality";
import {
  defineJob,
  prepareDeployToolset,
  runScript,
  type Artifact,
  type BuiltJob,
  type OutputStep,
} from "./steps";

export type DeployOutputs = "bookmark" | "version-id" | "previous-version-id";

/** Where the scripts write their logs (reports/ is git-ignored and not a hidden path). */
export const DEPLOY_LOG_DIR = "reports/deploy";

export function deployLogsArtifact(
  env: Environment,
  kind: "deploy" | "rollback",
): Artifact {
  return { name: `${kind}-logs-${env.name}`, path: DEPLOY_LOG_DIR };
}

export { environmentConcurrency } from "./environment-job";

/** The dispatch input deploy.yml declares; the route job reads it only through env. */
export const DEPLOY_INPUTS = { environment: "environment" } as const;

/** The route job's output: the one environment this run deploys (from `npm run deploy:route`). */
export type RouteOutputs = (typeof routeContract.outputs)[number];

/**
 * Decides the environment before anything deploys, in parallel with quality. A dispatch that picks
 * an environment from another branch fails here — with a plain `if:` per deploy job the mismatch
 * would skip every job and end the run green with nothing deployed. No secrets, no environment.
 */
export function routeJob(manager: PackageManager): BuiltJob<RouteOutputs> {
  const route = runScript(manager, routeContract, {
    id: "route",
    name: "Which environment this run deploys",
    // GITHUB_EVENT_NAME and GITHUB_REF are set by the runner; only the input is passed.
    env: { DEPLOY_INPUT_ENVIRONMENT: input(DEPLOY_INPUTS.environment) },
  });
  return defineJob("route", {
    name: "Choose the environment",
    timeoutMinutes: 5,
    outputs: { environment: route.outputs.environment },
    steps: [...prepareDeployToolset(manager), route],
  });
}

/** The deploy job of `env` runs only when the route job chose it. */
export function deployCondition(
  env: Environment,
  route: BuiltJob<RouteOutputs>,
): Expr {
  return eq(route.outputs.environment, env.name);
}

/** Secrets present, migration lint, Time Travel bookmark, `d1 migrations apply --remote`. */
export function migrateStep(
  manager: PackageManager,
  env: Environment,
): EnvironmentStep<OutputStep<(typeof migrateContract.outputs)[number]>> {
  return environmentRun(manager, migrateContract, env, {
    id: "migrate",
    name: `Migrate D1 (${env.d1DatabaseName})`,
    env: { DEPLOY_ENV: env.name },
    secrets: true,
  });
}

/**
 * Upload the downloaded artifact as a version (or create the Worker on its first deployment), check
 * it, promote it, verify the public URL serves this commit, roll back on failure.
 */
export function releaseStep(
  manager: PackageManager,
  env: Environment,
  bookmark: Expr,
): EnvironmentStep<OutputStep<(typeof releaseContract.outputs)[number]>> {
  return environmentRun(manager, releaseContract, env, {
    id: "release",
    name: `Upload, check and promote the Worker (${env.name})`,
    env: { DEPLOY_ENV: env.name, DEPLOY_BOOKMARK: bookmark },
    secrets: true,
  });
}

export function deployJob(
  manager: PackageManager,
  env: Environment,
  quality: BuiltJob<typeof WORKER_ARTIFACT_OUTPUT>,
  route: BuiltJob<RouteOutputs>,
): BuiltJob<DeployOutputs> {
  const migrate = migrateStep(manager, env);
  const release = releaseStep(manager, env, migrate.outputs.bookmark);
  return defineEnvironmentJob(`deploy-${env.name}`, {
    name: `Migrate and deploy ${env.name}`,
    needs: [quality, route],
    if: deployCondition(env, route),
    environment: env,
    timeoutMinutes: 20,
    outputs: {
      bookmark: migrate.outputs.bookmark,
      "version-id": release.outputs["version-id"],
      "previous-version-id": release.outputs["previous-version-id"],
    },
    steps: [
      ...environmentPrologue(manager, { fullHistory: true }),
      // What quality built and E2E tested in this run is what ships: no rebuild here.
      environmentDownload(
        {
          name: quality.outputs[WORKER_ARTIFACT_OUTPUT],
          path: workerArtifact.path,
        },
        "the build artifact",
      ),
      migrate,
      release,
      environmentUpload(deployLogsArtifact(env, "deploy"), {
        retentionDays: 30,
        ifNoFilesFound: "warn",
      }),
    ],
  });
}

/** The dispatch inputs rollback.yml declares; the job reads them only through env. */
export const ROLLBACK_INPUTS = {
  environment: "environment",
  versionId: "version-id",
  skipWorker: "skip-worker",
  bookmark: "bookmark",
  beforeMigration: "before-migration",
  timestamp: "timestamp",
} as const;

/**
 * The database exported before a restore (rows written since the restore point live only here).
 * It holds user data and artifacts are readable by everyone with read access (public repository:
 * anyone), so the rollback script puts only this into the uploaded folder: the export sealed to
 * .github/d1-export-recipient.pem when that key is committed; else, in a private repository, the
 * export itself; else (public, no key) nothing, and it says so. Uploaded even after a failed
 * restore (then the only copy of the newest rows). Kept D1_EXPORT_RETENTION_DAYS (contracts.ts).
 */

/** `undo-bookmark`: the D1 bookmark that undoes this run's restore (empty when D1 was not restored). */
export type RollbackOutputs = (typeof rollbackContract.outputs)[number];

export function rollbackJob(
  manager: PackageManager,
  env: Environment,
): BuiltJob<RollbackOutputs> {
  const rollback = environmentRun(manager, rollbackContract, env, {
    name: `Roll back the Worker and/or restore D1 (${env.name})`,
    id: "rollback",
    env: {
      DEPLOY_ENV: env.name,
      ROLLBACK_VERSION_ID: input(ROLLBACK_INPUTS.versionId),
      ROLLBACK_SKIP_WORKER: input(ROLLBACK_INPUTS.skipWorker),
      ROLLBACK_BOOKMARK: input(ROLLBACK_INPUTS.bookmark),
      ROLLBACK_BEFORE_MIGRATION: input(ROLLBACK_INPUTS.beforeMigration),
      ROLLBACK_TIMESTAMP: input(ROLLBACK_INPUTS.timestamp),
    },
    secrets: true,
  });
  return defineEnvironmentJob(`rollback-${env.name}`, {
    name: `Roll back ${env.name}`,
    // Not tied to the branch (unlike deploys, a rollback ships no code from the ref, and during an
    // incident a silently skipped job is the worst answer); the environment's approval and its
    // deployment-branch policy (docs/deployment) guard production.
    if: eq(input(ROLLBACK_INPUTS.environment), env.name),
    environment: env,
    timeoutMinutes: 15,
    outputs: { "undo-bookmark": rollback.outputs["undo-bookmark"] },
    steps: [
      ...environmentPrologue(manager),
      rollback,
      environmentUpload(deployLogsArtifact(env, "rollback"), {
        retentionDays: 30,
        ifNoFilesFound: "warn",
      }),
      environmentUpload(
        { name: `d1-export-${env.name}`, path: D1_EXPORT_DIR },
        { retentionDays: D1_EXPORT_RETENTION_DAYS, ifNoFilesFound: "ignore" },
      ),
    ],
  });
}

/** A required choice of the environments (environments.ts), the first one preselected. */
export function environmentChoice(
  environments: Readonly<Record<string, Environment>>,
  description: string,
): GW.WorkflowDispatchInput {
  const [first, ...rest] = Object.keys(environments);
  if (first === undefined)
    throw new Error("environments.ts: no environments defined");
  return {
    description,
    type: "choice",
    required: true,
    options: [first, ...rest],
    default: first,
  };
}

/** The branches that deploy somewhere, for `on.push.branches`. */
export function deployBranches(
  environments: Readonly<Record<string, Environment>>,
): [string, ...string[]] {
  const [first, ...rest] = Object.values(environments).map((env) => env.branch);
  if (first === undefined)
    throw new Error("environments.ts: no environments defined");
  return [first, ...rest];
}
