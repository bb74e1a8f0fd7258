/**
 * The workflows a pipeline config generates, one factory per file. An adopter gets all of them from
 * `pipelineWorkflows(config, environments, source)`; this repository's workflows-src/workflows/
 * call the factories one by one (the guestbook adds its cloud rehearsal to quality.yml).
 *
 * quality.yml — every check a change must pass, once per commit: on pull requests directly, and on
 * pushes to the deploy branches through deploy.yml's `workflow_call` (so those are not checked twice).
 * mutation.yml — the mutation stage on pull requests that touch its paths, weekly, on deploy-branch
 * pushes and by hand. deploy.yml / rollback.yml — see builders/deploy.ts. maintenance.yml — are the
 * action pins and the Node.js line current?
 */
import type { Environment } from "./environment-model";
import {
  DEPLOY_INPUTS,
  ROLLBACK_INPUTS,
  deployBranches,
  deployJob,
  environmentChoice,
  rollbackJob,
  routeJob,
} from "./deploy";
import { currencyJob } from "./maintenance";
import type { PipelineConfig } from "./pipeline-config";
import {
  WORKER_ARTIFACT_OUTPUT,
  buildJob,
  driftJob,
  e2eJobs,
  integrationJobs,
  migrationsJob,
  mutationJobs,
  qualityCall,
  staticJobs,
  unitJobs,
  zizmorJob,
} from "./quality";
import type { BuiltJob } from "./steps";
import {
  defineWorkflow,
  pullRequestConcurrency,
  type WorkflowDefinition,
  type WorkflowSource,
} from "./workflow";

export type Environments = Readonly<Record<string, Environment>>;

export interface QualityOptions {
  /** Jobs in place of the integration stage's (the guestbook: its cloud rehearsal parts). */
  readonly integration?: readonly BuiltJob[];
  /**
   * Jobs after the build and its E2E jobs, which they may need (the guestbook: its pull-request
   * preview ships the build that was tested).
   */
  readonly afterTests?: (
    build: ReturnType<typeof buildJob>,
    tested: readonly BuiltJob[],
  ) => readonly BuiltJob[];
}

/** The workflow every pull request runs; its jobs are the required checks setup puts on rulesets. */
export const QUALITY_FILE = "quality.yml";

export function qualityWorkflow(
  config: PipelineConfig,
  source: WorkflowSource,
  options: QualityOptions = {},
): WorkflowDefinition<typeof WORKER_ARTIFACT_OUTPUT> {
  // No job needs drift: it runs beside the others instead of holding them behind its install.
  const build = buildJob(config, []);
  const tested = e2eJobs(config, build);
  return defineWorkflow({
    ...source,
    file: QUALITY_FILE,
    name: "Quality",
    on: {
      pull_request: {},
      workflow_call: {},
      workflow_dispatch: {},
    },
    callOutputs: {
      [WORKER_ARTIFACT_OUTPUT]: {
        description:
          "Name of the OpenNext build artifact this run uploaded (download it instead of rebuilding)",
        value: build.outputs["artifact-name"],
      },
    },
    // A newer push to a pull request cancels the older run; any other event gets a group of its own
    // run, so nothing on main or develop is ever cancelled or queued behind another commit.
    concurrency: pullRequestConcurrency("quality"),
    jobs: [
      driftJob(config.packageManager),
      ...staticJobs(config, []),
      migrationsJob(config.packageManager, []),
      ...unitJobs(config, []),
      ...(options.integration ?? integrationJobs(config, [])),
      build,
      ...tested,
      ...(options.afterTests?.(build, tested) ?? []),
      zizmorJob([]),
    ],
  });
}

/** Undefined without a mutation stage (then there is no mutation.yml). */
export function mutationWorkflow(
  config: PipelineConfig,
  environments: Environments,
  source: WorkflowSource,
): WorkflowDefinition | undefined {
  const mutation = config.stages.mutation;
  if (!mutation) return undefined;
  // The schema requires at least one path.
  const [first = "", ...rest] = mutation.paths;
  const paths: [string, ...string[]] = [first, ...rest];
  return defineWorkflow({
    ...source,
    file: "mutation.yml",
    name: "Mutation tests",
    on: {
      schedule: [{ cron: "17 3 * * 1" }],
      pull_request: { paths },
      push: { branches: deployBranches(environments), paths },
      workflow_dispatch: {},
    },
    concurrency: pullRequestConcurrency("mutation"),
    jobs: mutationJobs(config),
  });
}

export function deployWorkflow(
  config: PipelineConfig,
  environments: Environments,
  quality: WorkflowDefinition<typeof WORKER_ARTIFACT_OUTPUT>,
  source: WorkflowSource,
): WorkflowDefinition {
  const manager = config.packageManager;
  const called = qualityCall(quality);
  const route = routeJob(manager);
  const envs = Object.values(environments);
  return defineWorkflow({
    ...source,
    file: "deploy.yml",
    name: "Deploy",
    on: {
      push: { branches: deployBranches(environments) },
      workflow_dispatch: {
        inputs: {
          [DEPLOY_INPUTS.environment]: environmentChoice(
            environments,
            `Environment to deploy (only from its branch: ${envs.map((env) => `${env.name} ← ${env.branch}`).join(", ")}; a mismatch fails the run)`,
          ),
        },
      },
    },
    jobs: [
      called,
      route,
      ...envs.map((env) => deployJob(manager, env, called, route)),
    ],
  });
}

export function rollbackWorkflow(
  config: PipelineConfig,
  environments: Environments,
  source: WorkflowSource,
): WorkflowDefinition {
  const envs = Object.values(environments);
  return defineWorkflow({
    ...source,
    file: "rollback.yml",
    name: "Rollback",
    on: {
      workflow_dispatch: {
        inputs: {
          [ROLLBACK_INPUTS.environment]: environmentChoice(
            environments,
            `Environment to roll back (run from its branch: ${envs.map((env) => `${env.name} ← ${env.branch}`).join(", ")})`,
          ),
          [ROLLBACK_INPUTS.versionId]: {
            description:
              "Worker version id to serve (empty: the newest earlier version no rollback moved away from; refused with a list when unclear)",
            type: "string",
            required: false,
            default: "",
          },
          [ROLLBACK_INPUTS.skipWorker]: {
            description: "Leave the Worker as it is (restore D1 only)",
            type: "boolean",
            required: false,
            default: false,
          },
          [ROLLBACK_INPUTS.bookmark]: {
            description:
              "D1 Time Travel bookmark to restore (e.g. the deploy job's bookmark output); empty: keep the data",
            type: "string",
            required: false,
            default: "",
          },
          [ROLLBACK_INPUTS.beforeMigration]: {
            description:
              "Or restore D1 to right before this migration was applied (e.g. 0003_drop_legacy.sql; its bookmark comes from the D1 ledger)",
            type: "string",
            required: false,
            default: "",
          },
          [ROLLBACK_INPUTS.timestamp]: {
            description:
              "Or a time to restore D1 to (RFC 3339 or Unix seconds; Time Travel reaches 30 days back on Workers Paid, 7 on Free); empty: keep the data",
            type: "string",
            required: false,
            default: "",
          },
        },
      },
    },
    jobs: envs.map((env) => rollbackJob(config.packageManager, env)),
  });
}

/**
 * Every Monday before Dependabot's run (and by hand): are the action pins and the Node.js line in
 * .nvmrc current? Pins are not Dependabot's job (its updates would edit generated YAML).
 */
export function maintenanceWorkflow(
  config: PipelineConfig,
  source: WorkflowSource,
): WorkflowDefinition {
  return defineWorkflow({
    ...source,
    file: "maintenance.yml",
    name: "Maintenance",
    on: {
      schedule: [{ cron: "41 4 * * 1" }],
      workflow_dispatch: {},
    },
    concurrency: { group: "maintenance", "cancel-in-progress": true },
    jobs: [
      currencyJob(config.packageManager, {
        pins: config.maintainsActionCatalog,
      }),
    ],
  });
}

/** An adopter's whole set, each file's header naming `source` (its pipeline.config.ts). */
export function pipelineWorkflows(
  config: PipelineConfig,
  environments: Environments,
  source: WorkflowSource,
): WorkflowDefinition[] {
  const quality = qualityWorkflow(config, source);
  const mutation = mutationWorkflow(config, environments, source);
  return [
    quality,
    ...(mutation ? [mutation] : []),
    deployWorkflow(config, environments, quality, source),
    rollbackWorkflow(config, environments, source),
    maintenanceWorkflow(config, source),
  ];
}
