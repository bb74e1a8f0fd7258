/**
 * npm run bench:pipeline — runs a workflow with ci:local (default: quality, as a pull request) and
 * writes reports/pipeline/<commit>[-<label>].json and .md: per-job and per-step seconds, machine
 * time, critical path, the load average around the run (this machine is shared: compare figures
 * taken under similar load), and an estimate for GitHub-hosted runners with its sources.
 * A benchmark, not a test: exit 0 unless the run itself failed.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineCli } from "../cli/define-cli";
import { formatReport } from "./format-report";
import {
  estimatePipeline,
  OVERHEADS,
  type PipelineEstimate,
} from "./github-estimate";
import type { RunReport } from "./run-workflow";
import { ciLocal } from "./start-run";
import { checkoutAt, repositoryRoot } from "./bench-checkout";

const cli = defineCli({
  usage:
    "npm run bench:pipeline [-- --workflow quality] [-- --job ID …] [-- --commit REV] [-- --label NAME] [-- --report FILE]",
  description: `Runs the workflow with ci:local and writes reports/pipeline/<commit>[-<label>].{json,md}.
--commit REV runs another commit (its own workflow files, from a temporary clone), to compare.
--report FILE reads a run ci:local already made (its --json output, e.g. reports/ci-local.json
from npm test -- --as-workflows) instead of running again.`,
  options: {
    workflow: {
      type: "string",
      value: "<name>",
      default: "quality",
      description: "workflow to run",
    },
    job: {
      type: "string",
      multiple: true,
      value: "<id>",
      description: "only this job and what it needs",
    },
    commit: {
      type: "string",
      value: "<rev>",
      description: "run another commit, to compare",
    },
    label: {
      type: "string",
      value: "<name>",
      description: "suffix of the report file names",
    },
    event: {
      type: "string",
      value: "<name>",
      description: "event to simulate",
    },
    report: {
      type: "string",
      value: "<file>",
      description:
        "estimate from this ci:local --json report instead of running",
    },
  },
  errorPrefix: "bench:pipeline",
});

const seconds = (n: number): string => n.toFixed(1);

export function markdown(
  report: RunReport,
  estimate: PipelineEstimate,
  meta: { commit: string; load: readonly number[]; date: string },
): string {
  const rows = report.jobs
    .filter((j) => j.result !== "skipped" && j.steps.length > 0)
    .map((job) => {
      const install = job.steps
        .filter((s) => /npm ci|node_modules|Set up Node|Check out/.test(s.name))
        .reduce((sum, s) => sum + s.seconds, 0);
      const gh = estimate.jobs.find((e) => e.id === job.id)?.githubSeconds ?? 0;
      return `| ${job.id} | ${job.result} | ${seconds(job.seconds)} | ${seconds(install)} | ${seconds(job.seconds - install)} | ${seconds(gh)} |`;
    });
  const skipped = report.jobs
    .filter((j) => j.result === "skipped")
    .map((j) => `- ${j.id}: skipped (${j.reason ?? ""})`);
  const sources = Object.values(OVERHEADS).map(
    (o) => `| ${o.id} | ${o.value} ${o.unit} | ${o.source} |`,
  );
  return [
    `# Pipeline timings: ${report.workflow} at ${meta.commit.slice(0, 12)}`,
    "",
    `${meta.date}; load average ${meta.load.map((l) => l.toFixed(1)).join(" / ")} (1/5/15 min at the end) on ${os.cpus().length} cores — a shared machine: compare runs taken under similar load.`,
    "",
    "| job | result | local s | checkout+node+install s | work s | GitHub estimate s |",
    "| --- | --- | ---: | ---: | ---: | ---: |",
    ...rows,
    "",
    `- critical path here: **${Math.round(report.criticalPath.seconds)} s** (${report.criticalPath.jobs.join(" → ")})`,
    `- machine time here: **${Math.round(report.machineSeconds)} s**; wall time ${Math.round(report.wallSeconds)} s with 2 jobs at a time`,
    `- GitHub estimate: critical path **${Math.round(estimate.criticalPath.seconds)} s** (${estimate.criticalPath.jobs.join(" → ")}), machine time ${Math.round(estimate.machineSeconds)} s`,
    ...(skipped.length ? ["", ...skipped] : []),
    "",
    "## Per-job overheads in the GitHub estimate",
    "",
    "| overhead | value | source |",
    "| --- | --- | --- |",
    ...sources,
    "",
    "## Steps",
    "",
    "```",
    formatReport(report).trim(),
    "```",
    "",
  ].join("\n");
}

/** A report ci:local wrote with --json; one line naming the file when it is not one. */
function readRunReport(file: string): RunReport {
  let parsed: Partial<RunReport>;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<RunReport>;
  } catch (e) {
    throw new Error(`--report ${file}: ${(e as Error).message}`, { cause: e });
  }
  if (!Array.isArray(parsed.jobs))
    throw new Error(
      `--report ${file}: not a ci:local --json report (no "jobs") — write one with npm run ci:local -- quality --json FILE`,
    );
  return parsed as RunReport;
}

async function main(): Promise<number> {
  const { values } = cli.parseOrExit();
  const root = repositoryRoot();
  // The other commit's own workflow files and code: a clone of it, not this checkout.
  const scratch = values.commit
    ? checkoutAt(root, values.commit, "bench-pipeline-")
    : undefined;
  const repoRoot = scratch?.dir ?? root;
  try {
    const commit = execFileSync("git", ["-C", repoRoot, "rev-parse", "HEAD"], {
      encoding: "utf8",
    }).trim();
    let report: RunReport;
    if (values.report) {
      try {
        report = readRunReport(values.report);
      } catch (e) {
        console.error(`bench:pipeline: ${(e as Error).message}`);
        return 2;
      }
    } else
      report = await ciLocal({
        repoRoot,
        workflow: values.workflow,
        jobs: values.job,
        ...(values.event ? { event: values.event } : {}),
      });
    const estimate = estimatePipeline(report.jobs);
    const meta = { commit, load: os.loadavg(), date: new Date().toISOString() };
    const dir = path.join(root, "reports", "pipeline");
    mkdirSync(dir, { recursive: true });
    const base = path.join(
      dir,
      `${commit.slice(0, 12)}${values.label ? `-${values.label}` : ""}`,
    );
    writeFileSync(
      `${base}.json`,
      `${JSON.stringify({ ...meta, report, estimate, overheads: OVERHEADS }, null, 2)}\n`,
    );
    const text = markdown(report, estimate, meta);
    writeFileSync(`${base}.md`, text);
    console.log(text);
    console.log(`bench:pipeline: wrote ${path.relative(root, base)}.{json,md}`);
    return report.ok ? 0 : 1;
  } finally {
    scratch?.remove();
  }
}

process.exitCode = await main();
