/**
 * npm run ci:local [WORKFLOW] [-- --job ID …] — runs a generated workflow's jobs on this machine as
 * a GitHub runner would (see scripts/ci-local/README.md). Exit 0 when every job that ran
 * succeeded, 1 when one failed, 2 on bad input.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { defineCli } from "../cli/define-cli";
import { formatReport } from "./format-report";
import { UsageError } from "./run-context";
import { killRunningSteps } from "./run-step";
import { ciLocal } from "./start-run";
import { appendSummary } from "../deploy/github-io";

const cli = defineCli({
  usage: "npm run ci:local [WORKFLOW] [-- options]",
  description: `Runs .github/workflows/WORKFLOW.yml (default: quality) locally: every job in its own clean
clone of HEAD, in needs order, --parallel at a time; run: steps as written, the catalogued
actions through local shims. Prints per-job and per-step times, machine time and
"critical path: N s".`,
  options: {
    job: {
      type: "string",
      multiple: true,
      value: "<id>",
      description: "only this job and what it needs",
    },
    "with-environments": {
      type: "boolean",
      description:
        "also run jobs bound to a GitHub Environment; needs CLOUDFLARE_API_BASE_URL\npointing at the local API double and secrets as CI_LOCAL_SECRET_<NAME>",
    },
    event: {
      type: "string",
      value: "<name>",
      description: "event to simulate (default: the workflow's first trigger)",
    },
    ref: {
      type: "string",
      value: "<ref>",
      description:
        "github.ref (default: refs/pull/1/merge or refs/heads/<branch>)",
    },
    input: {
      type: "string",
      multiple: true,
      value: "<name=value>",
      description: "workflow_dispatch input",
    },
    parallel: {
      type: "string",
      value: "<n>",
      default: "2",
      description: "jobs at once (default 2: this machine's cores)",
    },
    keep: {
      type: "boolean",
      description: "keep each job's workspace (under <tmpdir>/ci-local/)",
    },
    json: {
      type: "string",
      value: "<file>",
      description: "also write the report as JSON",
    },
    "seed-node-modules": {
      type: "boolean",
      description:
        "fill a node_modules cache miss from this checkout's node_modules when npm ci\nor pnpm install installed it from this lockfile (hard links; the step notes it)",
    },
  },
  positionals: true,
  errorPrefix: "ci:local",
});

function repoRoot(): string {
  return execFileSync("git", ["rev-parse", "--show-toplevel"], {
    encoding: "utf8",
  }).trim();
}

async function main(): Promise<number> {
  const { values, positionals } = cli.parseOrExit();
  const parallel = Number(values.parallel);
  if (!Number.isInteger(parallel) || parallel < 1)
    throw new UsageError(
      `--parallel ${values.parallel}: a positive integer, e.g. 2`,
    );
  if (positionals.length > 1)
    throw new UsageError(
      `one workflow at a time — got ${positionals.join(", ")}`,
    );
  const inputs: Record<string, string> = {};
  for (const pair of values.input) {
    const eq = pair.indexOf("=");
    if (eq < 1) throw new UsageError(`--input ${pair}: expected NAME=VALUE`);
    inputs[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const root = repoRoot();
  const report = await ciLocal({
    repoRoot: root,
    workflow: positionals[0] ?? "quality",
    jobs: values.job,
    withEnvironments: values["with-environments"],
    ...(values.event ? { event: values.event } : {}),
    ...(values.ref ? { ref: values.ref } : {}),
    inputs,
    parallel,
    keep: values.keep,
    seedNodeModules: values["seed-node-modules"],
  });
  const text = formatReport(report);
  console.log(text);
  if (values.json) {
    mkdirSync(path.dirname(path.resolve(values.json)), { recursive: true });
    writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
  }
  appendSummary(
    `### ci:local ${report.workflow}\n\n\`\`\`\n${text.trim()}\n\`\`\`\n`,
  );
  return report.ok ? 0 : 1;
}

// Steps run in their own process groups: stop them with ci:local, not after it.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    killRunningSteps();
    process.exit(130);
  });
}

try {
  process.exitCode = await main();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`ci:local: ${message}`);
  process.exitCode =
    error instanceof UsageError ||
    (error instanceof Error && /^[\w.-]+\.ya?ml: /.test(message))
      ? 2
      : 1;
}
