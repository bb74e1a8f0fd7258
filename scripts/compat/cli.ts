/** npm run check:compat — does the serving build survive this change's migrations? See --help. */
import { defineCli, runMain, UsageError } from "../cli/define-cli";
import { spawnRunner, installSignalHandlers } from "../deploy/child-process";
import { appendSummary, reportError, reportWarning } from "../deploy/github-io";
import { timingTable } from "../deploy/stages";
import { REPO_ROOT } from "../deploy/wrangler";
import { compatContract } from "../../workflows-src/contracts";
import { environments } from "../../workflows-src/environments";
import { parseAgainst } from "./against";
import { checkCompat, type CompatResult } from "./check-compat";
import { EXPAND_CONTRACT_DOC } from "./verdict";
import { resolveServing } from "./resolve-serving";

const environmentNames = Object.keys(environments);

const cli = defineCli({
  usage: "npm run check:compat -- --against <sha|environment> [options]",
  description: `The N−1 check: the build serving an environment keeps serving while this change's migrations run
(and after a Worker rollback), so it must work on the new schema. Takes the serving commit (a git
worktree built with its own lockfile, or its build from --artifact / the Actions artifact), serves
it with wrangler dev --local on a local D1 holding its migrations, generated rows (the migration
gate's seeder) and then this checkout's migrations, and runs that commit's own E2E suite against it.
Exit 0: compatible, skipped (nothing serving; no new migration) or a failure allowed by
"-- compat: allow breaking: <reason>" in a new migration. Exit 1: the serving build broke (names the
migrations, the test and its error; see ${EXPAND_CONTRACT_DOC}) or the check could not run.
--against <environment> (${environmentNames.join(", ")}) finds the serving commit through the Actions API
(last successful deploy.yml run on the environment's branch; GITHUB_TOKEN, GITHUB_API_URL,
GITHUB_REPOSITORY) or, with --serving-from cloudflare, from the serving version's tag.`,
  contract: compatContract,
  options: {
    against: {
      type: "string",
      value: "<sha|environment>",
      description: `the serving commit, or an environment (${environmentNames.join(", ")}) whose serving commit to find`,
    },
    branch: {
      type: "string",
      value: "<branch>",
      description: `instead of --against: the environment this branch deploys (${Object.values(
        environments,
      )
        .map((e) => `${e.branch} → ${e.name}`)
        .join(
          ", ",
        )}); any other branch skips — CI passes a pull request's base branch, or the pushed branch`,
      envVar: "COMPAT_BRANCH",
    },
    artifact: {
      type: "string",
      value: "<dir>",
      description:
        "the serving commit's unpacked build (contents of .open-next) instead of building it",
    },
    "serving-from": {
      type: "string",
      value: "<github|cloudflare>",
      default: "github",
      description:
        "for an environment: the Actions API (read-only token; also downloads the build artifact) or Cloudflare (wrangler deployments status; API token)",
    },
    repo: {
      type: "string",
      value: "<owner/name>",
      description: "GitHub repository for --serving-from github",
      envVar: "GITHUB_REPOSITORY",
    },
    keep: {
      type: "boolean",
      description: "keep the worktree, D1 state and E2E report (path printed)",
    },
  },
  run: async ({ values }) => {
    if (values.against !== undefined && values.branch !== undefined)
      throw new UsageError("give --against or --branch, not both");
    if (values.against === undefined && values.branch === undefined)
      throw new UsageError(
        `--against is required: a commit SHA or one of ${environmentNames.join(", ")} (or --branch <deploy branch>)`,
      );
    const byBranch = Object.values(environments).find(
      (e) => e.branch === values.branch,
    );
    if (values.branch !== undefined && byBranch === undefined) {
      const reason = `${values.branch} deploys no environment, so no serving build meets this change's schema`;
      console.log(`N−1 check skipped: ${reason}`);
      appendSummary(`### N−1 compatibility: skipped\n\n${reason}\n`);
      return 0;
    }
    const from = values["serving-from"];
    if (from !== "github" && from !== "cloudflare")
      throw new UsageError(`--serving-from ${from}: use github or cloudflare`);
    installSignalHandlers();
    const started = performance.now();
    const against =
      byBranch === undefined
        ? parseAgainst(values.against ?? "", environmentNames)
        : ({ kind: "environment", name: byBranch.name } as const);
    if (
      byBranch !== undefined &&
      from === "github" &&
      !process.env["GITHUB_TOKEN"]?.trim()
    ) {
      // The workflow always passes secrets.GITHUB_TOKEN; only a local replay of the job (ci:local)
      // has none, and the Actions API is out of its reach anyway.
      const reason = `no GITHUB_TOKEN, so what serves ${byBranch.name} cannot be looked up — on GitHub the job passes secrets.GITHUB_TOKEN; here run npm run check:compat -- --against <serving sha>`;
      reportWarning(`N−1 check skipped: ${reason}`);
      appendSummary(`### N−1 compatibility: skipped\n\n${reason}\n`);
      return 0;
    }
    const serving = await resolveServing(against, {
      from,
      repository: values.repo,
      artifact: values.artifact,
      root: REPO_ROOT,
      env: process.env,
      say: (line) => console.log(line),
    });
    const result = await checkCompat({
      root: REPO_ROOT,
      serving: serving.commit,
      servingFrom: serving.label,
      artifact: serving.artifact,
      keep: values.keep,
      run: spawnRunner,
      say: (line) => console.log(line),
    });
    await serving.cleanup();
    return report(result, (performance.now() - started) / 1000);
  },
});

function report(result: CompatResult, seconds: number): number {
  const took = `${seconds.toFixed(1)} s`;
  if (result.kind === "skipped") {
    console.log(`N−1 check skipped: ${result.reason} (${took})`);
    appendSummary(`### N−1 compatibility: skipped\n\n${result.reason}\n`);
    return 0;
  }
  const table = result.stages.length > 0 ? timingTable(result.stages) : "";
  if (table) console.log(`\n${table}\n`);
  if (result.kind === "failed") {
    reportError(result.error);
    appendSummary(
      `### N−1 compatibility ❌ (could not run)\n\n${result.error}\n\n${table}\n`,
    );
    return 1;
  }
  const { verdict } = result;
  for (const line of verdict.lines)
    if (line.level === "error") reportError(line.text);
    else if (verdict.status === "breaking-allowed") reportWarning(line.text);
    else console.log(line.text);
  const icon = { compatible: "✅", breaking: "❌", "breaking-allowed": "⚠️" }[
    verdict.status
  ];
  appendSummary(
    `### N−1 compatibility ${icon} ${verdict.status} (serving ${result.commit.slice(0, 12)}, ${took})\n\n${verdict.lines.map((l) => `- ${l.text}`).join("\n")}\n\n${table}\n`,
  );
  console.log(`N−1 check: ${verdict.status} (${took})`);
  return verdict.exitCode;
}

await runMain(cli);
