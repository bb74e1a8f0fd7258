/**
 * The quality jobs: drift check, static checks, migration lint, unit tests and the OpenNext build in
 * parallel, then E2E against the very build artifact that deploy will ship. The drift check is no
 * serial gate: it fails the run (and so blocks deploy, which needs the whole workflow) without
 * holding the other jobs ~25 s behind its own install.
 */
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
import {
  cache,
  callWorkflow,
  checkout,
  defineJob,
  downloadArtifact,
  npmRun,
  prepareCached,
  uploadArtifact,
  type Artifact,
  type BuiltJob,
  type CallableWorkflow,
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
 * Files whose change warrants a mutation run on a pull request: the mutated code (kept in step with
 * stryker.config.mjs `mutate`, enforced by a test), its tests, and the mutation set-up itself.
 */
export const MUTATION_CRITICAL_PATHS = [
  "src/health/**",
  "src/notes/note-input.ts",
  "src/notes/note-input.test.ts",
  "scripts/migration-lint/**",
  "scripts/deploy/health/**",
  "scripts/deploy/route.ts",
  "scripts/deploy/route.test.ts",
  "scripts/deploy/rollback-target.ts",
  "scripts/deploy/rollback-target.test.ts",
  "scripts/deploy/commit-order.ts",
  "scripts/deploy/commit-order.test.ts",
  "scripts/deploy/cloudflare/wrangler-failure.ts",
  "scripts/deploy/cloudflare/wrangler-failure.test.ts",
  "stryker.config.mjs",
  "vitest.mutation.config.ts",
] as const;

/**
 * Browsers are cached per installed playwright-core version (the package whose browsers.json names
 * the browser builds), read at run time: the key changes exactly when the browser build can, and
 * the generated YAML carries no version, so a dependency bump never makes it stale. A lockfile hash
 * would also be version-free but would throw the cache away on every unrelated bump.
 */
export const PLAYWRIGHT_PACKAGE = "playwright-core";

const ALWAYS_UNLESS_CANCELLED = not(cancelled());

export function driftJob(): BuiltJob<never> {
  return defineJob("drift", {
    name: "Workflow drift check",
    timeoutMinutes: 10,
    steps: [...prepareCached(), npmRun("check:workflows")],
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

export function staticJob(needs: readonly BuiltJob[]): BuiltJob<never> {
  return defineJob("static", {
    name: "Static checks",
    needs,
    timeoutMinutes: 15,
    steps: [
      ...prepareCached(),
      npmRun("lint"),
      // One red check must not hide the others: report every static finding in one run.
      npmRun("format:check", { if: ALWAYS_UNLESS_CANCELLED }),
      npmRun("typecheck", { if: ALWAYS_UNLESS_CANCELLED }),
      npmRun("arch", { if: ALWAYS_UNLESS_CANCELLED }),
    ],
  });
}

export function migrationsJob(needs: readonly BuiltJob[]): BuiltJob<never> {
  return defineJob("migrations", {
    name: "Migration lint",
    needs,
    timeoutMinutes: 10,
    steps: [...prepareCached(), npmRun("lint:migrations")],
  });
}

/**
 * How many parallel jobs run the unit suite. Its ~230 test-seconds (wrangler contract tests,
 * integration and drill tests) made one job the PR's longest; the parts are balanced by recorded
 * time (scripts/test-runner/unit-shard.ts), each pays its own ~20 s prologue.
 */
export const UNIT_SHARDS = 5;

/** unit-1 … unit-N: each runs one time-balanced part of the suite and uploads its coverage. */
export function unitJobs(
  needs: readonly BuiltJob[],
  count = UNIT_SHARDS,
): BuiltJob<never>[] {
  return Array.from({ length: count }, (_, i) => {
    const part = `${i + 1}/${count}`;
    return defineJob(`unit-${i + 1}`, {
      name: `Unit tests (${part})`,
      needs,
      timeoutMinutes: 15,
      steps: [
        ...prepareCached(),
        npmRun(unitShardContract, {
          name: `npm run test:unit:shard (part ${part})`,
          env: { UNIT_SHARD: part },
        }),
        uploadArtifact(
          {
            ...coverageArtifact,
            name: `${coverageArtifact.name}-${i + 1}-of-${count}`,
          },
          {
            retentionDays: 7,
            if: ALWAYS_UNLESS_CANCELLED,
            ifNoFilesFound: "warn",
          },
        ),
      ],
    });
  });
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
        ...prepareCached(),
        npmRun(cloudRehearsalContract, {
          name: `npm run rehearse:cloud (part ${part})`,
          env: { CLOUD_PART: part },
        }),
      ],
    });
  });
}

export type BuildOutputs = "artifact-name";

export function buildJob(needs: readonly BuiltJob[]): BuiltJob<BuildOutputs> {
  return defineJob("build", {
    name: "OpenNext build",
    needs,
    timeoutMinutes: 20,
    outputs: { "artifact-name": workerArtifact.name },
    steps: [
      ...prepareCached(),
      // The SHA reaches the build through env (baked into /api/health's version), never via run:.
      npmRun(buildWorkerContract, { env: { APP_VERSION: github.sha } }),
      uploadArtifact(workerArtifact, {
        retentionDays: 3,
        includeHiddenFiles: true,
      }),
    ],
  });
}

export function e2eJob(
  build: BuiltJob<BuildOutputs>,
  needs: readonly BuiltJob[] = [],
): BuiltJob<never> {
  const playwright = npmRun(installedVersionContract, {
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
  return defineJob("e2e", {
    name: "E2E (Playwright) on the build artifact",
    needs: [build, ...needs],
    timeoutMinutes: 20,
    steps: [
      ...prepareCached(),
      downloadArtifact(
        { name: build.outputs["artifact-name"], path: workerArtifact.path },
        "the build artifact",
      ),
      playwright,
      browsers,
      // A cache hit restores the browser but not its system libraries (apt), which each runner needs.
      npmRun("e2e:install-browser", {
        if: ne(browsers.outputs["cache-hit"], "true"),
      }),
      npmRun("e2e:install-browser-deps", {
        if: eq(browsers.outputs["cache-hit"], "true"),
      }),
      npmRun("test:e2e"),
      uploadArtifact(playwrightReportArtifact, {
        retentionDays: 7,
        if: failure(),
        ifNoFilesFound: "warn",
      }),
    ],
  });
}

export function mutationJob(): BuiltJob<never> {
  const pullRequest = eq(github.eventName, "pull_request");
  return defineJob("mutation", {
    name: "Mutation tests (Stryker)",
    timeoutMinutes: 45,
    steps: [
      ...prepareCached(),
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
      npmRun("test:mutation:incremental", { if: pullRequest }),
      // Weekly and on the deploy branches: every mutant, recording the file pull requests start from.
      npmRun("test:mutation:record", { if: not(pullRequest) }),
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
      uploadArtifact(mutationReportArtifact, {
        retentionDays: 14,
        if: ALWAYS_UNLESS_CANCELLED,
        ifNoFilesFound: "warn",
      }),
    ],
  });
}

/**
 * For deploy.yml: run quality.yml in the caller's run. Its `outputs["worker-artifact"]` is the
 * artifact name to download (quality.yml's `callOutputs`).
 */
export function qualityCall(
  workflow: CallableWorkflow<typeof WORKER_ARTIFACT_OUTPUT>,
  options: { needs?: readonly BuiltJob[] } = {},
): BuiltJob<typeof WORKER_ARTIFACT_OUTPUT> {
  return callWorkflow("quality", {
    name: "Quality",
    workflow,
    ...(options.needs ? { needs: options.needs } : {}),
  });
}
