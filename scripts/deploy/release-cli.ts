/** npm run deploy:release -- --env <name> — see --help. */
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  environmentNames,
  getEnvironment,
} from "../../workflows-src/environments";
import { fromEnv, parseDuration, runCli, UsageError } from "./cli-support";
import { cliCloudflare } from "./cloudflare";
import { appendSummary, reportWarning, setOutput } from "./github-io";
import { currentSha, SHA_PATTERN } from "./git-sha";
import { describeRelease, release, releaseSummary } from "./release";
import { REPO_ROOT } from "./wrangler";

/** wrangler.jsonc's `main` and `assets` point here; wrangler uploads from it, so it is not an option. */
const ARTIFACT_DIR = ".open-next";

const help = `Usage: npm run deploy:release -- --env <${environmentNames.join("|")}> [options]

Deploys the ALREADY BUILT worker (${ARTIFACT_DIR}, from the quality job's artifact; never rebuilds):
records the serving version, uploads a new version tagged with the commit SHA, health-checks it
before it takes traffic (preview URL, or a 0% deployment + version-override header), promotes it
to 100%, and requires the public URL's /api/health to report this commit. If that fails it rolls
back to the previous version, re-checks, and exits 1. A Worker that does not exist yet is created
with \`wrangler deploy\` (first deployment) and then checked the same way; with no previous version
a failure exits 1 as first-deploy-failed. When the serving version's commit already contains this
one (this run queued behind a newer one), nothing changes and it exits 0 with a notice
(outcome superseded). What ships is what wrangler.jsonc names (${ARTIFACT_DIR}/worker.js and its
assets), checked to be built from this commit. Needs CLOUDFLARE_API_TOKEN and
CLOUDFLARE_ACCOUNT_ID. Outputs: version-id, previous-version-id, preview-url, outcome.

Options:
  --env <name>                  environment from workflows-src/environments.ts (env DEPLOY_ENV)
  --sha <sha>                   commit being deployed (default $GITHUB_SHA, else git HEAD)
  --url <url>                   public URL to verify (default: the environment's url)
  --bookmark <bookmark>         D1 bookmark from the migrate step, for the summary (env DEPLOY_BOOKMARK)
  --message <text>              version/deployment message (default: deploy <sha> to <env>)
  --deadline <duration>         health-check deadline per check (default 25s)
  --request-timeout <duration>  per-request timeout (default 5s)
  --log-file <path>             deploy log (default reports/deploy/deploy-<env>.log)
  -h, --help                    show this help`;

await runCli(help, async () => {
  const { values } = parseArgs({
    options: {
      env: { type: "string" },
      sha: { type: "string" },
      url: { type: "string" },
      bookmark: { type: "string" },
      message: { type: "string" },
      deadline: { type: "string", default: "25s" },
      "request-timeout": { type: "string", default: "5s" },
      "log-file": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  values.env ??= fromEnv("DEPLOY_ENV");
  values.bookmark ??= fromEnv("DEPLOY_BOOKMARK");
  if (values.env === undefined) throw new UsageError("--env is required");
  const environment = getEnvironment(values.env);
  const sha = values.sha ?? currentSha();
  if (!SHA_PATTERN.test(sha))
    throw new UsageError(
      `--sha: "${sha}" is not a full 40-character commit SHA`,
    );
  if (values.url !== undefined && !URL.canParse(values.url))
    throw new UsageError(`--url: invalid URL "${values.url}"`);
  const { log, cloudflare } = cliCloudflare(
    values["log-file"] ?? `reports/deploy/deploy-${environment.name}.log`,
  );
  const report = await release(
    {
      environment,
      sha,
      message: values.message ?? `deploy ${sha} to ${environment.name}`,
      artifactDir: join(REPO_ROOT, ARTIFACT_DIR),
      ...(values.url === undefined ? {} : { publicUrl: values.url }),
      ...(values.bookmark ? { bookmark: values.bookmark } : {}),
      healthDeadlineMs: parseDuration(values.deadline, "--deadline"),
      requestTimeoutMs: parseDuration(
        values["request-timeout"],
        "--request-timeout",
      ),
    },
    { cloudflare, env: process.env, log },
  );
  setOutput("outcome", report.outcome);
  setOutput("version-id", report.versionId ?? "");
  setOutput("previous-version-id", report.previousVersionId ?? "");
  setOutput("preview-url", report.previewUrl ?? "");
  appendSummary(releaseSummary(report));
  log.info("");
  log.info(releaseSummary(report));
  // A run that queued behind a newer commit's deploy is not a failure: the newer code stays.
  if (report.outcome === "superseded") {
    reportWarning(describeRelease(report));
    return 0;
  }
  if (report.outcome !== "promoted") throw new Error(describeRelease(report));
  log.info(describeRelease(report));
  return 0;
});
