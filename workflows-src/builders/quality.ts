/**
 * The quality jobs: drift check, static checks, migration lint, unit tests and the OpenNext build in
 * parallel, then E2E against the very build artifact that deploy will ship. The drift check is no
 * serial gate: it fails the run (and so blocks deploy, which needs the whole workflow) without
 * holding the other jobs ~25 s behind its own install.
 */
import type { GeneratedWorkflowTypes as GW } from "@github-actions-workflow-ts/lib";
import { actionRef } from "../actions";
import {
  buildWorkerContract,
  installedVersionContract,
  unitShardContract,
  cloudRehearsalContract,
} from "../contracts";
import {
  cancelled,
  eq,
  failure,
  github,
  ne,
  not,
  render,
  runner,
  text,
} from "./expr";
import { runCommand, type PackageManager } from "./package-manager";
import type { PipelineConfig } from "./pipeline-config";
import { calledPermissions } from "./called-permissions";
import {
  cache,
  callWorkflow,
  checkout,
  defineJob,
  downloadArtifact,
  prepareCached,
  runScript,
  uploadArtifact,
  type Artifact,
  type BuiltJob,
  type CallableWorkflow,
  type StepLike,
} from "./steps";

/** Where `npm run build:worker` leaves the Worker; wrangler deploys from here. */
export const WORKER_BUILD_DIR = ".open-next";

/**
 * The OpenNext build, uploaded once per run by quality's build job. deploy.yml calls quality.yml in
 * the same run, so it downloads this artifact instead of building again: what E2E tested ships.
 */
export const workerArtifact = {
  name: "worker-build",
  path: WORKER_BUILD_DIR,
} as const satisfies Artifact;

/** The name quality.yml exposes to a calling workflow (on.workflow_call.outputs). */
export const WORKER_ARTIFACT_OUTPUT = "worker-artifact";

export const coverageArtifact = {
  name: "coverage",
  path: "coverage",
} as const satisfies Artifact;
export const playwrightReportArtifact = {
  name: "playwright-report",
  path: "playwright-report",
} as const satisfies Artifact;
/**
 * Stryker's incremental file (its default path): which mutants survived or were killed by which
 * tests. A full run on a deploy branch saves it; a pull request restores its base branch's copy
 * read-only and re-tests only mutants whose code or tests changed.
 */
export const STRYKER_INCREMENTAL_FILE = "reports/stryker-incremental.json";
const STRYKER_INCREMENTAL_STEP = "stryker-incremental";

export const mutationReportArtifact = {
  name: "mutation-report",
  path: "reports/mutation",
} as const satisfies Artifact;

/**
 * Browsers are cached per installed playwright-core version (the package whose browsers.json names
 * the browser builds), read at run time: the key changes exactly when the browser build can, and
 * the generated YAML carries no version, so a dependency bump never makes it stale. A lockfile hash
 * would also be version-free but would throw the cache away on every unrelated bump.
 */
export const PLAYWRIGHT_PACKAGE = "playwright-core";

const ALWAYS_UNLESS_CANCELLED = not(cancelled());

export function driftJob(manager: PackageManager): BuiltJob<never> {
  return defineJob("drift", {
    name: "Workflow drift check",
    timeoutMinutes: 10,
    steps: [...prepareCached(manager), runScript(manager, "check:workflows")],
  });
}

/**
 * zizmor's exact release, as the Docker tag zizmor-action pulls (ghcr.io/zizmorcore/zizmor:<version>);
 * pinned so a new zizmor release is a reviewed diff, not a surprise red build. Change it here.
 */
export const ZIZMOR_VERSION = "1.20.0";

/**
 * zizmor (an independent workflow security audit) on .github/, failing on any finding. A second
 * opinion on GitHub only: the action runs zizmor's Docker image, which these machines cannot pull,
 * so `npm run audit:workflows` (inside check:workflows) stays the gate that runs everywhere.
 * `advanced-security: false` prints findings and fails instead of uploading SARIF, so the job needs
 * no security-events: write; the token (read-only) serves zizmor's online audits.
 */
export function zizmorJob(needs: readonly BuiltJob[]): BuiltJob<never> {
  return defineJob("zizmor", {
    name: "zizmor (workflow security audit)",
    needs,
    timeoutMinutes: 10,
    steps: [
      checkout(),
      {
        name: "zizmor on .github/",
        uses: actionRef("zizmor"),
        with: {
          inputs: ".github/",
          "advanced-security": false,
          persona: "regular",
          version: ZIZMOR_VERSION,
        },
      },
    ],
  });
}

/** The stages the static job runs, in this order (each optional). */
const STATIC_STAGES = ["lint", "format", "typecheck", "arch"] as const;

/** lint, format, typecheck, arch — those configured — in one job; none configured: no job. */
export function staticJobs(
  config: PipelineConfig,
  needs: readonly BuiltJob[],
): BuiltJob<never>[] {
  const manager = config.packageManager;
  const scripts = STATIC_STAGES.flatMap((stage) => {
    const entry = config.stages[stage];
    return entry ? [entry.script] : [];
  });
  if (scripts.length === 0) return [];
  return [
    defineJob("static", {
      name: "Static checks",
      needs,
      timeoutMinutes: 15,
      steps: [
        ...prepareCached(manager),
        // One red check must not hide the others: report every static finding in one run.
        ...scripts.map((script, i) =>
          runScript(
            manager,
            script,
            i === 0 ? {} : { if: ALWAYS_UNLESS_CANCELLED },
          ),
        ),
      ],
    }),
  ];
}

export function migrationsJob(
  manager: PackageManager,
  needs: readonly BuiltJob[],
): BuiltJob<never> {
  return defineJob("migrations", {
    name: "Migration lint",
    needs,
    timeoutMinutes: 10,
    steps: [...prepareCached(manager), runScript(manager, "lint:migrations")],
  });
}

/**
 * The unit stage: one job, or with `parts` (the guestbook: its ~230 test-seconds of wrangler
 * contract, integration and drill tests made one job the PR's longest) unit-1 … unit-N, each
 * running one time-balanced part through the shard contract (UNIT_SHARD="i/N") and paying its own
 * ~20 s prologue. Each uploads its coverage. No unit stage: no job.
 */
export function unitJobs(
  config: PipelineConfig,
  needs: readonly BuiltJob[],
): BuiltJob<never>[] {
  const unit = config.stages.unit;
  if (!unit) return [];
  const manager = config.packageManager;
  const coverage = (name: string) =>
    uploadArtifact(
      { ...coverageArtifact, name },
      { retentionDays: 7, if: ALWAYS_UNLESS_CANCELLED, ifNoFilesFound: "warn" },
    );
  const count = unit.parts;
  if (count === undefined) {
    return [
      defineJob("unit", {
        name: "Unit tests",
        needs,
        timeoutMinutes: 15,
        steps: [
          ...prepareCached(manager),
          runScript(manager, unit.script),
          coverage(coverageArtifact.name),
        ],
      }),
    ];
  }
  if (unit.script !== unitShardContract.script)
    throw new Error(
      `pipeline.config.ts: stages.unit.parts: the parts run npm script "${unitShardContract.script}" (its contract hands each part its share) but the stage names "${unit.script}" — set script to "${unitShardContract.script}" or drop parts`,
    );
  return Array.from({ length: count }, (_, i) => {
    const part = `${i + 1}/${count}`;
    return defineJob(`unit-${i + 1}`, {
      name: `Unit tests (${part})`,
      needs,
      timeoutMinutes: 15,
      steps: [
        ...prepareCached(manager),
        runScript(manager, unitShardContract, {
          name: `${runCommand(manager, unitShardContract.script)} (part ${part})`,
          env: { UNIT_SHARD: part },
        }),
        coverage(`${coverageArtifact.name}-${i + 1}-of-${count}`),
      ],
    });
  });
}

/** The integration stage as one job (no stage: none). */
export function integrationJobs(
  config: PipelineConfig,
  needs: readonly BuiltJob[],
): BuiltJob<never>[] {
  const integration = config.stages.integration;
  if (!integration) return [];
  const manager = config.packageManager;
  return [
    defineJob("integration", {
      name: "Integration tests",
      needs,
      timeoutMinutes: 20,
      steps: [
        ...prepareCached(manager),
        runScript(manager, integration.script),
      ],
    }),
  ];
}

/**
 * The cloud rehearsal's lanes are independent worlds (scripts/cloudflare-double/scenarios): one job
 * per part, so the slowest lane, not their sum on two cores, sets the job's time.
 */
export const CLOUD_PARTS = 3;

/**
 * The remote deploy paths (migrate, release, rollback) end to end with the real wrangler against a
 * local Cloudflare API double: no secrets, no network, a fixture artifact (so no build needed).
 */
export function cloudRehearsalJobs(
  manager: PackageManager,
  needs: readonly BuiltJob[],
  count = CLOUD_PARTS,
): BuiltJob<never>[] {
  return Array.from({ length: count }, (_, i) => {
    const part = `${i + 1}/${count}`;
    return defineJob(`cloud-${i + 1}`, {
      name: `Cloud rehearsal (Cloudflare API double, ${part})`,
      needs,
      timeoutMinutes: 15,
      steps: [
        ...prepareCached(manager),
        runScript(manager, cloudRehearsalContract, {
          name: `${runCommand(manager, cloudRehearsalContract.script)} (part ${part})`,
          env: { CLOUD_PART: part },
        }),
      ],
    });
  });
}

export type BuildOutputs = "artifact-name";

/**
 * The build stage's script: build:worker gets the commit through its contract (APP_VERSION, baked
 * into /api/health's version); any other script runs as it is.
 */
function buildStep(manager: PackageManager, script: string) {
  return script === buildWorkerContract.script
    ? // The SHA reaches the build through env, never via run:.
      runScript(manager, buildWorkerContract, {
        env: { APP_VERSION: github.sha },
      })
    : runScript(manager, script);
}

export function buildJob(
  config: PipelineConfig,
  needs: readonly BuiltJob[],
): BuiltJob<BuildOutputs> {
  const manager = config.packageManager;
  return defineJob("build", {
    name: "OpenNext build",
    needs,
    timeoutMinutes: 20,
    outputs: { "artifact-name": workerArtifact.name },
    steps: [
      ...prepareCached(manager),
      buildStep(manager, config.stages.build.script),
      uploadArtifact(workerArtifact, {
        retentionDays: 3,
        includeHiddenFiles: true,
      }),
    ],
  });
}

/** The e2e stage against the build job's artifact (no stage: no job). */
/** Chromium for Playwright, cached per installed playwright-core version (e2e and the N−1 check). */
export function playwrightBrowserSteps(manager: PackageManager): StepLike[] {
  const playwright = runScript(manager, installedVersionContract, {
    id: "playwright-version",
    name: "Read the installed Playwright version",
    env: { INSTALLED_PACKAGE: PLAYWRIGHT_PACKAGE },
  });
  const browsers = cache({
    id: "playwright-cache",
    name: "Cache Playwright browsers",
    path: "~/.cache/ms-playwright",
    key: text`playwright-${runner.os}-${playwright.outputs.version}`,
  });
  return [
    playwright,
    browsers,
    // A cache hit restores the browser but not its system libraries (apt), which each runner needs.
    runScript(manager, "e2e:install-browser", {
      if: ne(browsers.outputs["cache-hit"], "true"),
    }),
    runScript(manager, "e2e:install-browser-deps", {
      if: eq(browsers.outputs["cache-hit"], "true"),
    }),
  ];
}

export function e2eJobs(
  config: PipelineConfig,
  build: BuiltJob<BuildOutputs>,
  needs: readonly BuiltJob[] = [],
): BuiltJob<never>[] {
  const e2e = config.stages.e2e;
  if (!e2e) return [];
  const manager = config.packageManager;
  const job = defineJob("e2e", {
    name: "E2E (Playwright) on the build artifact",
    needs: [build, ...needs],
    timeoutMinutes: 20,
    steps: [
      ...prepareCached(manager),
      downloadArtifact(
        { name: build.outputs["artifact-name"], path: workerArtifact.path },
        "the build artifact",
      ),
      ...playwrightBrowserSteps(manager),
      runScript(manager, e2e.script),
      uploadArtifact(playwrightReportArtifact, {
        retentionDays: 7,
        if: failure(),
        ifNoFilesFound: "warn",
      }),
    ],
  });
  return [job];
}

/**
 * The mutation stage: with `incremental`, a pull request runs its pullRequest script against the
 * base branch's recorded results and other runs record them; without it every run is `script`.
 */
export function mutationJobs(config: PipelineConfig): BuiltJob<never>[] {
  const mutation = config.stages.mutation;
  if (!mutation) return [];
  const manager = config.packageManager;
  const incremental = mutation.incremental;
  const report = uploadArtifact(mutationReportArtifact, {
    retentionDays: 14,
    if: ALWAYS_UNLESS_CANCELLED,
    ifNoFilesFound: "warn",
  });
  const name = "Mutation tests (Stryker)";
  if (!incremental) {
    return [
      defineJob("mutation", {
        name,
        timeoutMinutes: 45,
        steps: [
          ...prepareCached(manager),
          runScript(manager, mutation.script),
          report,
        ],
      }),
    ];
  }
  const pullRequest = eq(github.eventName, "pull_request");
  const job = defineJob("mutation", {
    name,
    timeoutMinutes: 45,
    steps: [
      ...prepareCached(manager),
      // Restore-only: a pull request can read the base branch's results but never write them back.
      {
        id: STRYKER_INCREMENTAL_STEP,
        name: "Restore the base branch's Stryker incremental file",
        if: render(pullRequest),
        uses: actionRef("cacheRestore"),
        with: {
          path: STRYKER_INCREMENTAL_FILE,
          key: render(
            text`stryker-incremental-${github.baseRef}-${github.sha}`,
          ),
          "restore-keys": render(text`stryker-incremental-${github.baseRef}-`),
        },
      },
      runScript(manager, incremental.pullRequest, { if: pullRequest }),
      // Weekly and on the deploy branches: every mutant, recording the file pull requests start from.
      runScript(manager, incremental.record, { if: not(pullRequest) }),
      {
        name: "Save the Stryker incremental file",
        if: render(not(pullRequest)),
        uses: actionRef("cacheSave"),
        with: {
          path: STRYKER_INCREMENTAL_FILE,
          key: render(
            text`stryker-incremental-${github.refName}-${github.runId}`,
          ),
        },
      },
      report,
    ],
  });
  return [job];
}

/**
 * For deploy.yml: run quality.yml in the caller's run. Its `outputs["worker-artifact"]` is the
 * artifact name to download (quality.yml's `callOutputs`).
 */
export function qualityCall(
  workflow: CallableWorkflow<typeof WORKER_ARTIFACT_OUTPUT> & {
    readonly workflow: GW.Workflow;
  },
  options: { needs?: readonly BuiltJob[] } = {},
): BuiltJob<typeof WORKER_ARTIFACT_OUTPUT> {
  return callWorkflow("quality", {
    name: "Quality",
    workflow,
    // The called jobs' own union (the compat job reads Actions), never more.
    permissions: calledPermissions(workflow.workflow),
    ...(options.needs ? { needs: options.needs } : {}),
  });
}
