/**
 * The quality jobs: drift check, static checks, migration lint, unit tests and the OpenNext build in
 * parallel, then E2E against the very build artifact that deploy will ship. The drift check is no
 * serial gate: it fails the run (and so blocks deploy, which needs the whole workflow) without
 * holding the other jobs ~25 s behind its own install.
 */
import {
  cache,
  callWorkflow,
  defineJob,
  downloadArtifact,
  npmRun,
  prepareCached,
  uploadArtifact,
  type Artifact,
  type BuiltJob,
} from "./steps";
import { readFileSync } from "node:fs";
import { actionRef } from "../actions";

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
const PULL_REQUEST = "github.event_name == 'pull_request'";

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
  "stryker.config.mjs",
  "vitest.mutation.config.ts",
] as const;

/** Browsers are cached per Playwright version: the key changes exactly when the browser build does. */
export function playwrightVersion(
  root = new URL("../../", import.meta.url),
): string {
  const manifest = JSON.parse(
    readFileSync(new URL("package.json", root), "utf8"),
  ) as { devDependencies?: Record<string, string> };
  const version = manifest.devDependencies?.["@playwright/test"];
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new Error(
      `package.json: devDependencies.@playwright/test: "${version ?? ""}" is not an exact version — pin it (npm install --save-exact)`,
    );
  }
  return version;
}

const ALWAYS_UNLESS_CANCELLED = "${{ !cancelled() }}";

export function driftJob(): BuiltJob<never> {
  return defineJob("drift", {
    name: "Workflow drift check",
    timeoutMinutes: 10,
    steps: [...prepareCached(), npmRun("check:workflows")],
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

export function unitJob(needs: readonly BuiltJob[]): BuiltJob<never> {
  return defineJob("unit", {
    name: "Unit tests",
    needs,
    timeoutMinutes: 15,
    steps: [
      ...prepareCached(),
      npmRun("test:unit"),
      uploadArtifact(coverageArtifact, {
        retentionDays: 7,
        if: ALWAYS_UNLESS_CANCELLED,
        ifNoFilesFound: "warn",
      }),
    ],
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
      npmRun("build:worker", { env: { APP_VERSION: "${{ github.sha }}" } }),
      uploadArtifact(workerArtifact, {
        retentionDays: 3,
        includeHiddenFiles: true,
      }),
    ],
  });
}

const PLAYWRIGHT_CACHE_STEP = "playwright-cache";

export function e2eJob(
  build: BuiltJob<BuildOutputs>,
  needs: readonly BuiltJob[] = [],
): BuiltJob<never> {
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
      cache({
        id: PLAYWRIGHT_CACHE_STEP,
        name: "Cache Playwright browsers",
        path: "~/.cache/ms-playwright",
        key: `playwright-\${{ runner.os }}-${playwrightVersion()}`,
      }),
      // A cache hit restores the browser but not its system libraries (apt), which each runner needs.
      npmRun("e2e:install-browser", {
        if: `\${{ steps.${PLAYWRIGHT_CACHE_STEP}.outputs.cache-hit != 'true' }}`,
      }),
      npmRun("e2e:install-browser-deps", {
        if: `\${{ steps.${PLAYWRIGHT_CACHE_STEP}.outputs.cache-hit == 'true' }}`,
      }),
      npmRun("test:e2e"),
      uploadArtifact(playwrightReportArtifact, {
        retentionDays: 7,
        if: "${{ failure() }}",
        ifNoFilesFound: "warn",
      }),
    ],
  });
}

export function mutationJob(): BuiltJob<never> {
  return defineJob("mutation", {
    name: "Mutation tests (Stryker)",
    timeoutMinutes: 45,
    steps: [
      ...prepareCached(),
      // Restore-only: a pull request can read the base branch's results but never write them back.
      {
        id: STRYKER_INCREMENTAL_STEP,
        name: "Restore the base branch's Stryker incremental file",
        if: `\${{ ${PULL_REQUEST} }}`,
        uses: actionRef("cacheRestore"),
        with: {
          path: STRYKER_INCREMENTAL_FILE,
          key: "stryker-incremental-${{ github.base_ref }}-${{ github.sha }}",
          "restore-keys": "stryker-incremental-${{ github.base_ref }}-",
        },
      },
      npmRun("test:mutation:incremental", { if: `\${{ ${PULL_REQUEST} }}` }),
      // Weekly and on the deploy branches: every mutant, recording the file pull requests start from.
      npmRun("test:mutation:record", { if: `\${{ !(${PULL_REQUEST}) }}` }),
      {
        name: "Save the Stryker incremental file",
        if: `\${{ !(${PULL_REQUEST}) }}`,
        uses: actionRef("cacheSave"),
        with: {
          path: STRYKER_INCREMENTAL_FILE,
          key: "stryker-incremental-${{ github.ref_name }}-${{ github.run_id }}",
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
 * artifact name to download (`${{ needs.quality.outputs.worker-artifact }}`).
 */
export function qualityCall(
  options: { needs?: readonly BuiltJob[]; if?: string } = {},
): BuiltJob<typeof WORKER_ARTIFACT_OUTPUT> {
  return callWorkflow("quality", {
    name: "Quality",
    workflow: "quality.yml",
    outputs: [WORKER_ARTIFACT_OUTPUT],
    ...(options.needs ? { needs: options.needs } : {}),
    ...(options.if ? { if: options.if } : {}),
  });
}
