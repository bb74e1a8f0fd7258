import pipelineConfig from "../../workflows-src/pipeline.config.ts";

/** quality.yml's unit parts (workflows-src/pipeline.config.ts stages.unit.parts). */
const UNIT_PARTS = pipelineConfig.stages.unit?.parts ?? 1;

/** The stages `npm test` runs, in order. Each is an npm script, so CI and laptops run the same thing. */
export type CountSource =
  "vitest-json" | "playwright-json" | "ci-local-json" | "exit-code";

export interface Stage {
  /** Short name shown in progress output and accepted by --only/--skip. */
  readonly id: string;
  readonly script: string;
  readonly args?: readonly string[];
  readonly counts: CountSource;
  /** Report file the runner reads counts from, relative to the repo root. */
  readonly report?: string;
  /** Stage ids that must have passed for this one to be worth running. */
  readonly needs?: readonly string[];
}

export const UNIT_REPORT = "reports/unit.json";
export const E2E_REPORT = "reports/e2e.json";
export const CI_LOCAL_REPORT = "reports/ci-local.json";

/**
 * quality.yml's jobs that `npm test -- --as-workflows` (what .ci/run calls) runs through ci:local,
 * from the committed YAML in clean clones, instead of the direct stages they hold: the same
 * commands, plus everything a runner adds (GITHUB_ACTIONS=true, env, cache, artifacts).
 */
export const CI_LOCAL_JOBS = [
  "drift",
  "static",
  "migrations",
  ...(UNIT_PARTS > 1
    ? Array.from({ length: UNIT_PARTS }, (_, i) => `unit-${i + 1}`)
    : ["unit"]),
] as const;

/** The direct stages those jobs run; --as-workflows leaves them out (never run twice). */
export const REPLACED_BY_CI_LOCAL: readonly string[] = [
  "workflows",
  "lint",
  "format",
  "typecheck",
  "arch",
  "migrations",
  "unit",
];

/** Run with --as-workflows, or on request (`--only ci-local`). */
export const ciLocalStage: Stage = {
  id: "ci-local",
  script: "ci:local",
  args: [
    "quality",
    ...CI_LOCAL_JOBS.flatMap((job) => ["--job", job]),
    "--json",
    CI_LOCAL_REPORT,
    // ./dev has just run npm ci here: a first run on a fresh machine would otherwise install the
    // same 1 GB twice more (two jobs miss at once), ~70 s of a 20-minute budget.
    "--seed-node-modules",
  ],
  counts: "ci-local-json",
  report: CI_LOCAL_REPORT,
};

export const stages: readonly Stage[] = [
  { id: "workflows", script: "check:workflows", counts: "exit-code" },
  { id: "lint", script: "lint", counts: "exit-code" },
  { id: "format", script: "format:check", counts: "exit-code" },
  { id: "typecheck", script: "typecheck", counts: "exit-code" },
  { id: "arch", script: "arch", counts: "exit-code" },
  { id: "migrations", script: "lint:migrations", counts: "exit-code" },
  {
    id: "unit",
    script: "test:unit",
    args: [
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${UNIT_REPORT}`,
    ],
    counts: "vitest-json",
    report: UNIT_REPORT,
  },
  // The remote paths (migrate, release, rollback) through the real wrangler against the
  // Cloudflare API double; a tiny fixture artifact, so it does not need the build.
  { id: "cloud", script: "rehearse:cloud", counts: "exit-code" },
  { id: "build", script: "build:worker", counts: "exit-code" },
  {
    id: "e2e",
    script: "test:e2e",
    counts: "playwright-json",
    report: E2E_REPORT,
    needs: ["build"],
  },
  // Mutants of the files (and tests) changed since the committed baseline (.stryker/baseline.json);
  // every mutant runs weekly and on the deploy branches (mutation.yml). Last: beside ci-local it
  // fills the cores that ci:local's last unit parts leave idle instead of adding ~40 s after them.
  {
    id: "mutation",
    script: "test:mutation:incremental",
    counts: "exit-code",
  },
];

/** Picks the stages to run from --only / --skip lists, rejecting unknown ids so typos do not skip silently. */
export function selectStages(
  all: readonly Stage[],
  only: readonly string[],
  skip: readonly string[],
): Stage[] {
  const known = new Set(all.map((s) => s.id));
  for (const id of [...only, ...skip]) {
    if (!known.has(id)) {
      throw new Error(
        `unknown stage "${id}" — choose from: ${[...known].join(", ")}`,
      );
    }
  }
  return all.filter(
    (s) => (only.length === 0 || only.includes(s.id)) && !skip.includes(s.id),
  );
}
