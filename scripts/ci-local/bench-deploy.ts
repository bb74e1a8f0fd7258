/**
 * npm run bench:deploy — the deploy path timed the way a runner would run it, by ci:local with
 * --with-environments against the Cloudflare API double (never a real account):
 *   1. the double, seeded with what wrangler.jsonc names for staging (Worker, D1 database) and a
 *      version of HEAD~1 serving 100 % (as if this pipeline had deployed it before);
 *   2. deploy.yml as a push to develop: quality (reusable), route, deploy-staging;
 *   3. rollback.yml dispatched for staging with no version: back to HEAD~1's version.
 * Writes reports/pipeline/<commit>-deploy.{json,md}: each job to the end of its deploy step
 * (release, rollback) and per step. A benchmark: no timed assertion; exit 1 only if a run failed.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { getEnvironment } from "../../workflows-src/environments";
import { defineCli } from "../cli/define-cli";
import { readEnvTarget } from "../cloudflare-double/scenarios/wrangler-config";
import { startEnvironmentDouble } from "../cloudflare-double/scenarios/world";
import { formatReport } from "./format-report";
import type { JobReport } from "./run-job";
import type { RunReport } from "./run-workflow";
import { ciLocal } from "./start-run";
import { checkoutAt, repositoryRoot } from "./bench-checkout";

const cli = defineCli({
  usage: "npm run bench:deploy [-- --label NAME]",
  description: `Times deploy-staging (to the end of its release step) and rollback-staging (to the end of
its rollback command) with ci:local --with-environments against the Cloudflare API double.
Writes reports/pipeline/<commit>-deploy[-<label>].{json,md}.`,
  options: {
    label: {
      type: "string",
      value: "<name>",
      description: "suffix of the report file names",
    },
  },
  errorPrefix: "bench:deploy",
});

export interface PathTiming {
  readonly job: string;
  readonly result: string;
  /** From the job's start to the end of the named step (the whole job if that step never ran). */
  readonly toStepSeconds: number;
  readonly step: string;
  readonly jobSeconds: number;
}

/** Seconds from a job's start to the end of the first step whose id-derived name matches. */
export function timeToStep(
  job: JobReport | undefined,
  step: RegExp,
): PathTiming | undefined {
  if (job === undefined) return undefined;
  let elapsed = 0;
  for (const s of job.steps) {
    elapsed += s.seconds;
    if (step.test(s.name) && s.result !== "skipped")
      return {
        job: job.id,
        result: s.result,
        toStepSeconds: elapsed,
        step: s.name,
        jobSeconds: job.seconds,
      };
  }
  return {
    job: job.id,
    result: job.result,
    toStepSeconds: job.seconds,
    step: "(not reached)",
    jobSeconds: job.seconds,
  };
}

const findJob = (report: RunReport, id: string) =>
  report.jobs.find((j) => j.id === id || j.id.endsWith(`/${id}`));

function markdown(
  commit: string,
  timings: readonly (PathTiming | undefined)[],
  runs: readonly RunReport[],
): string {
  const rows = timings
    .filter((t): t is PathTiming => t !== undefined)
    .map(
      (t) =>
        `| ${t.job} | ${t.result} | ${t.step} | **${t.toStepSeconds.toFixed(1)}** | ${t.jobSeconds.toFixed(1)} |`,
    );
  return [
    `# Deploy path timings at ${commit.slice(0, 12)}`,
    "",
    `${new Date().toISOString()}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(
        " / ",
      )} on ${os.cpus().length} cores; ci:local --with-environments against the Cloudflare API double.`,
    "",
    "| job | result | up to the end of | seconds | whole job s |",
    "| --- | --- | --- | ---: | ---: |",
    ...rows,
    "",
    ...runs.flatMap((r) => ["```", formatReport(r).trim(), "```", ""]),
  ].join("\n");
}

async function main(): Promise<number> {
  const { values } = cli.parseOrExit();
  const root = repositoryRoot();
  const git = (...args: string[]) =>
    execFileSync("git", ["-C", root, ...args], { encoding: "utf8" }).trim();
  const commit = git("rev-parse", "HEAD");
  const previous = git("rev-parse", "HEAD~1");
  // Both runs use this commit, even if HEAD moves while they run (~7 minutes).
  const checkout = checkoutAt(root, commit, "bench-deploy-repo-");
  const repo = checkout.dir;
  const staging = getEnvironment("staging");
  const target = readEnvTarget(
    path.join(root, "wrangler.jsonc"),
    staging.wranglerEnv,
  );
  const double = await startEnvironmentDouble(
    staging,
    target,
    mkdtempSync(path.join(os.tmpdir(), "bench-deploy-double-")),
  );
  try {
    await double.control(
      "POST",
      `/__double/workers/${target.workerName}/versions`,
      {
        tag: previous,
        message: `deploy ${previous}`,
        d1DatabaseId: target.databaseId,
        migrations: [],
        deploy: true,
      },
    );
    // The machine's env (its CAs, PATH) plus the double: ci:local keeps only what a runner has.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CLOUDFLARE_API_BASE_URL: double.apiBaseUrl,
      HTTPS_PROXY: double.url,
      CLOUDFLARE_DOUBLE_CA: double.caFile,
      CI_LOCAL_SECRET_CLOUDFLARE_API_TOKEN: double.token,
      CI_LOCAL_SECRET_CLOUDFLARE_ACCOUNT_ID: double.accountId,
    };
    const deploy = await ciLocal({
      repoRoot: repo,
      workflow: "deploy",
      event: "push",
      ref: `refs/heads/${staging.branch}`,
      withEnvironments: true,
      env,
    });
    const rollback = await ciLocal({
      repoRoot: repo,
      workflow: "rollback",
      event: "workflow_dispatch",
      ref: `refs/heads/${staging.branch}`,
      inputs: { environment: "staging" },
      withEnvironments: true,
      env,
    });
    const timings = [
      timeToStep(findJob(deploy, "route"), /Which environment/),
      timeToStep(
        findJob(deploy, "deploy-staging"),
        /^Upload, check and promote/,
      ),
      timeToStep(
        findJob(rollback, "rollback-staging"),
        /^Roll back the Worker/,
      ),
    ];
    const dir = path.join(root, "reports", "pipeline");
    mkdirSync(dir, { recursive: true });
    const base = path.join(
      dir,
      `${commit.slice(0, 12)}-deploy${values.label ? `-${values.label}` : ""}`,
    );
    writeFileSync(
      `${base}.json`,
      `${JSON.stringify({ commit, timings, deploy, rollback }, null, 2)}\n`,
    );
    const text = markdown(commit, timings, [deploy, rollback]);
    writeFileSync(`${base}.md`, text);
    console.log(text);
    console.log(`bench:deploy: wrote ${path.relative(root, base)}.{json,md}`);
    return deploy.ok && rollback.ok ? 0 : 1;
  } finally {
    await double.stop();
    checkout.remove();
  }
}

process.exitCode = await main();
