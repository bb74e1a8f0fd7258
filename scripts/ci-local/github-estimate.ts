/**
 * An estimate of a ci:local run on GitHub-hosted runners: each job's local time, plus what only a
 * hosted runner pays — runner start, and cache/artifact bytes priced at published transfer rates
 * instead of a local copy — each figure with where it comes from. An estimate to compare commits
 * by, not a promise: where no figure is published it says "assumption".
 */
import { criticalPath, type CriticalPath } from "./graph";
import type { JobReport, StepReport } from "./run-job";
import { STAND_INS } from "./stand-ins";

export interface Overhead {
  readonly id: string;
  readonly value: number;
  readonly unit: string;
  readonly source: string;
}

const GB = 1e9;

export const OVERHEADS = {
  runnerStart: {
    id: "runner start per job",
    value: 10,
    unit: "s",
    source:
      "assumption — GitHub publishes no pick-up time; queues can be far longer (P90 near 1 min reported for ubuntu-slim: https://devactivity.com/insights/optimizing-developer-activities-tackling-github-ubuntu-slim-runner-queue-times)",
  },
  cacheRestore: {
    id: "actions/cache restore",
    value: 15,
    unit: "s/GB",
    source:
      "“a 1 GB actions/cache restore takes 10-20 seconds” on GitHub-hosted runners (https://avrea.com/blog/how-we-made-github-actions-cache-up-to-6x-faster); 4 GB in 45 s in https://runs-on.com/benchmarks/github-actions-cache-performance",
  },
  cacheSave: {
    id: "actions/cache save",
    value: 8.25,
    unit: "s/GB",
    source:
      "actions/cache@v4 saved 4 GB in 33 s on GitHub's runners (https://runs-on.com/benchmarks/github-actions-cache-performance)",
  },
  artifact: {
    id: "artifact upload/download",
    value: 15,
    unit: "s/GB",
    source:
      "assumption — no published rate; priced like a cache restore (both are Azure Blob Storage behind the Actions service)",
  },
  npmCache: {
    id: "setup-node cache: npm restore",
    value: 0.25,
    unit: "GB",
    source:
      "assumption — npm's tarball cache for this lockfile, priced at the cache restore rate; ci:local uses the warm local cache (0 s)",
  },
  browser: {
    id: "Playwright browser + system libraries",
    value: 30,
    unit: "s",
    source:
      "assumption — ~180 MB Chromium from the cache plus `playwright install-deps` (apt) on each runner; ci:local uses Debian's chromium (0 s)",
  },
  hardware: {
    id: "CPU",
    value: 1,
    unit: "× local",
    source:
      "standard runners have 2 vCPU for private and 4 vCPU for public repositories (https://docs.github.com/en/actions/reference/runners/github-hosted-runners); this machine has 2 shared cores, so local step times are taken as they are",
  },
} as const satisfies Record<string, Overhead>;

const BROWSER_STAND_IN_NOTES = new Set(
  Object.values(STAND_INS)
    .filter((s) => s.onGitHub === "browser")
    .map((s) => `local stand-in: ${s.why}`),
);

/** Seconds a step would take on GitHub in place of its local seconds. */
function stepOnGitHub(step: StepReport): number {
  if (step.result === "skipped") return 0;
  const gb = (step.bytes ?? 0) / GB;
  switch (step.action) {
    case "actions/cache":
    case "actions/cache/restore":
      return gb * OVERHEADS.cacheRestore.value;
    case "actions/cache/save":
      return gb * OVERHEADS.cacheSave.value;
    case "actions/upload-artifact":
    case "actions/download-artifact":
      return gb * OVERHEADS.artifact.value;
    default:
      break;
  }
  if (step.note && BROWSER_STAND_IN_NOTES.has(step.note))
    return OVERHEADS.browser.value / 2;
  return step.seconds;
}

export interface JobEstimate {
  readonly id: string;
  readonly localSeconds: number;
  readonly githubSeconds: number;
}

export function estimateJob(job: JobReport): JobEstimate {
  if (job.result === "skipped" || job.steps.length === 0)
    return { id: job.id, localSeconds: 0, githubSeconds: 0 };
  let total = OVERHEADS.runnerStart.value;
  for (const step of job.steps) total += stepOnGitHub(step);
  const npmCacheRestores = job.steps.some(
    (s) =>
      s.result !== "skipped" &&
      s.action === "actions/setup-node" &&
      /npm cache restored/.test(s.note ?? ""),
  );
  if (npmCacheRestores)
    total += OVERHEADS.npmCache.value * OVERHEADS.cacheRestore.value;
  const stepsSum = job.steps.reduce(
    (sum, s) => sum + (s.result === "skipped" ? 0 : s.seconds),
    0,
  );
  // Time outside steps (clone set-up, post steps) stays as measured.
  total += Math.max(0, job.seconds - stepsSum);
  return {
    id: job.id,
    localSeconds: job.seconds,
    githubSeconds: total,
  };
}

export interface PipelineEstimate {
  readonly jobs: readonly JobEstimate[];
  readonly machineSeconds: number;
  readonly criticalPath: CriticalPath;
}

export function estimatePipeline(jobs: readonly JobReport[]): PipelineEstimate {
  const estimates = jobs.map(estimateJob);
  return {
    jobs: estimates,
    machineSeconds: estimates.reduce((s, e) => s + e.githubSeconds, 0),
    criticalPath: criticalPath(
      jobs.map((j) => ({ id: j.id, needs: j.needs ?? [] })),
      new Map(estimates.map((e) => [e.id, e.githubSeconds])),
    ),
  };
}
