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
import type { Environment, EnvironmentName } from "../environments";
import { environments } from "../environments";
import { WORKER_ARTIFACT_OUTPUT, workerArtifact } from "./quality";
import {
  defineJob,
  downloadArtifact,
  npmRun,
  prepare,
  uploadArtifact,
  type Artifact,
  type BuiltJob,
  type Step,
} from "./steps";

/** Step ids whose outputs the job re-exports (typed, so no consumer retypes the strings). */
const MIGRATE_STEP = "migrate";
const RELEASE_STEP = "release";

export type DeployOutputs = "bookmark" | "version-id" | "previous-version-id";

/** Where the scripts write their logs (reports/ is git-ignored and not a hidden path). */
export const DEPLOY_LOG_DIR = "reports/deploy";

export function deployLogsArtifact(
  env: Environment,
  kind: "deploy" | "rollback",
): Artifact {
  return { name: `${kind}-logs-${env.name}`, path: DEPLOY_LOG_DIR };
}

/** Secrets as step env, only on the steps that call Cloudflare; the job binds the environment. */
export function secretEnv(env: Environment): Record<string, string> {
  return Object.fromEntries(
    env.secrets.map((name) => [name, `\${{ secrets.${name} }}`]),
  );
}

/** One deploy or rollback at a time per environment; never cancel one that is running. */
export function environmentConcurrency(env: Environment) {
  return { group: `deploy-${env.name}`, "cancel-in-progress": false };
}

/** The route job's output: the one environment this run deploys (from `npm run deploy:route`). */
export const ROUTE_OUTPUT = "environment";
const ROUTE_STEP = "route";

/**
 * Decides the environment before anything deploys, in parallel with quality. A dispatch that picks
 * an environment from another branch fails here — with a plain `if:` per deploy job the mismatch
 * would skip every job and end the run green with nothing deployed. No secrets, no environment.
 */
export function routeJob(): BuiltJob<typeof ROUTE_OUTPUT> {
  return defineJob("route", {
    name: "Choose the environment",
    timeoutMinutes: 5,
    outputs: {
      [ROUTE_OUTPUT]: `\${{ steps.${ROUTE_STEP}.outputs.${ROUTE_OUTPUT} }}`,
    },
    steps: [
      ...prepare(),
      npmRun("deploy:route", {
        id: ROUTE_STEP,
        name: "Which environment this run deploys",
        // GITHUB_EVENT_NAME and GITHUB_REF are set by the runner; only the input is passed.
        env: { DEPLOY_INPUT_ENVIRONMENT: "${{ inputs.environment }}" },
      }),
    ],
  });
}

/** `${{ expr }}` → `expr`, to compare a typed output inside a larger `if:` expression. */
function expressionBody(reference: string): string {
  const body = /^\$\{\{ (.+) \}\}$/.exec(reference)?.[1];
  if (body === undefined)
    throw new Error(
      `builders/deploy.ts: ${JSON.stringify(reference)} is not a \${{ … }} expression — pass a BuiltJob output`,
    );
  return body;
}

/** The deploy job of `env` runs only when the route job chose it. */
export function deployCondition(
  env: Environment,
  route: BuiltJob<typeof ROUTE_OUTPUT>,
): string {
  return `${expressionBody(route.outputs[ROUTE_OUTPUT])} == '${env.name}'`;
}

/** Secrets present, migration lint, Time Travel bookmark, `d1 migrations apply --remote`. */
export function migrateSteps(env: Environment): Step[] {
  return [
    npmRun("deploy:migrate", {
      id: MIGRATE_STEP,
      name: `Migrate D1 (${env.d1DatabaseName})`,
      env: { DEPLOY_ENV: env.name, ...secretEnv(env) },
    }),
  ];
}

/**
 * Upload the downloaded artifact as a version (or create the Worker on its first deployment), check
 * it, promote it, verify the public URL serves this commit, roll back on failure.
 */
export function releaseSteps(env: Environment): Step[] {
  return [
    npmRun("deploy:release", {
      id: RELEASE_STEP,
      name: `Upload, check and promote the Worker (${env.name})`,
      env: {
        DEPLOY_ENV: env.name,
        DEPLOY_BOOKMARK: `\${{ steps.${MIGRATE_STEP}.outputs.bookmark }}`,
        ...secretEnv(env),
      },
    }),
  ];
}

export function deployJob(
  env: Environment,
  quality: BuiltJob<typeof WORKER_ARTIFACT_OUTPUT>,
  route: BuiltJob<typeof ROUTE_OUTPUT>,
): BuiltJob<DeployOutputs> {
  return defineJob(`deploy-${env.name}`, {
    name: `Migrate and deploy ${env.name}`,
    needs: [quality, route],
    if: deployCondition(env, route),
    environment: { name: env.name, url: env.url },
    concurrency: environmentConcurrency(env),
    timeoutMinutes: 20,
    outputs: {
      bookmark: `\${{ steps.${MIGRATE_STEP}.outputs.bookmark }}`,
      "version-id": `\${{ steps.${RELEASE_STEP}.outputs.version-id }}`,
      "previous-version-id": `\${{ steps.${RELEASE_STEP}.outputs.previous-version-id }}`,
    },
    steps: [
      ...prepare({ fullHistory: true }),
      // What quality built and E2E tested in this run is what ships: no rebuild here.
      downloadArtifact(
        {
          name: quality.outputs[WORKER_ARTIFACT_OUTPUT],
          path: workerArtifact.path,
        },
        "the build artifact",
      ),
      ...migrateSteps(env),
      ...releaseSteps(env),
      uploadArtifact(deployLogsArtifact(env, "deploy"), {
        retentionDays: 30,
        if: "${{ always() }}",
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
  timestamp: "timestamp",
} as const;

export function rollbackJob(env: Environment): BuiltJob<never> {
  const input = (name: string) => `\${{ inputs.${name} }}`;
  return defineJob(`rollback-${env.name}`, {
    name: `Roll back ${env.name}`,
    // Not tied to the branch (unlike deploys, a rollback ships no code from the ref, and during an
    // incident a silently skipped job is the worst answer); the environment's approval and its
    // deployment-branch policy (docs/deployment) guard production.
    if: `inputs.${ROLLBACK_INPUTS.environment} == '${env.name}'`,
    environment: { name: env.name, url: env.url },
    concurrency: environmentConcurrency(env),
    timeoutMinutes: 15,
    steps: [
      ...prepare(),
      npmRun("deploy:rollback", {
        name: `Roll back the Worker and/or restore D1 (${env.name})`,
        env: {
          DEPLOY_ENV: env.name,
          ROLLBACK_VERSION_ID: input(ROLLBACK_INPUTS.versionId),
          ROLLBACK_SKIP_WORKER: input(ROLLBACK_INPUTS.skipWorker),
          ROLLBACK_BOOKMARK: input(ROLLBACK_INPUTS.bookmark),
          ROLLBACK_TIMESTAMP: input(ROLLBACK_INPUTS.timestamp),
          ...secretEnv(env),
        },
      }),
      uploadArtifact(deployLogsArtifact(env, "rollback"), {
        retentionDays: 30,
        if: "${{ always() }}",
        ifNoFilesFound: "warn",
      }),
    ],
  });
}

/** A required choice of the environments in environments.ts, the first one preselected. */
export function environmentChoice(
  description: string,
): GW.WorkflowDispatchInput {
  const [first, ...rest] = Object.keys(environments) as EnvironmentName[];
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
export function deployBranches(): [string, ...string[]] {
  const [first, ...rest] = Object.values(environments).map((env) => env.branch);
  if (first === undefined)
    throw new Error("environments.ts: no environments defined");
  return [first, ...rest];
}
