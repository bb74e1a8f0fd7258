/** npm run deploy:release -- --env <name> — see --help. */
import { join } from "node:path";
import { releaseContract } from "../../workflows-src/contracts";
import { environmentNamed, loadEnvironments } from "../init/load-environments";
import { defineCli, runMain, UsageError } from "../cli/define-cli";
import { parseDuration } from "./cli-support";
import { cliCloudflare } from "./cloudflare";
import { appendSummary, reportWarning } from "./github-io";
import { currentSha, SHA_PATTERN } from "./git-sha";
import { describeRelease, release, releaseSummary } from "./release";
import { REPO_ROOT } from "./wrangler";
import { wranglerConfigPath } from "../cli/wrangler-config-file";

/** The wrangler config's `main` and `assets` point here; wrangler uploads from it, so it is not an option. */
const ARTIFACT_DIR = ".open-next";

const cli = defineCli({
  usage: "npm run deploy:release -- --env <name> [options]",
  description: `Deploys the ALREADY BUILT worker (${ARTIFACT_DIR}, from the quality job's artifact; never rebuilds):
records the serving version, uploads a new version tagged with the commit SHA, health-checks it
before it takes traffic (preview URL, or a 0% deployment + version-override header), promotes it
to 100%, and requires the public URL's /api/health to report this commit. If that fails it rolls
back to the previous version, re-checks, and exits 1. A Worker that does not exist yet is created
with \`wrangler deploy\` (first deployment) and then checked the same way; with no previous version
a failure exits 1 as first-deploy-failed. When the serving version's commit already contains this
one (this run queued behind a newer one), nothing changes and it exits 0 with a notice
(outcome superseded). A version that carries a Durable Object migration (the wrangler config's
migrations past the Worker's tag) goes out with \`wrangler deploy\` — no pre-traffic check is
possible — then the same checks after; a failure there is NOT rolled back (Cloudflare refuses
rollbacks across a migration) and exits 1 as failed-after-migration. What ships is what the wrangler config (wrangler.json or wrangler.jsonc) names (${ARTIFACT_DIR}/worker.js and its
assets) — checked to be built from this commit when the build recorded one
(${ARTIFACT_DIR}/app-version.txt; in CI the artifact is this run's quality build either way). Needs CLOUDFLARE_API_TOKEN and
CLOUDFLARE_ACCOUNT_ID. Outputs: ${releaseContract.outputs.join(", ")}.`,
  contract: releaseContract,
  options: {
    env: {
      type: "string",
      value: "<name>",
      description: "environment from workflows-src/environments.ts",
      envVar: "DEPLOY_ENV",
    },
    sha: {
      type: "string",
      value: "<sha>",
      description: "commit being deployed (default $GITHUB_SHA, else git HEAD)",
    },
    url: {
      type: "string",
      value: "<url>",
      description: "public URL to verify (default: the environment's url)",
    },
    bookmark: {
      type: "string",
      value: "<bookmark>",
      description: "D1 bookmark from the migrate step, for the summary",
      envVar: "DEPLOY_BOOKMARK",
    },
    message: {
      type: "string",
      value: "<text>",
      description:
        "version/deployment message (default: deploy <sha> to <env>)",
    },
    deadline: {
      type: "string",
      value: "<duration>",
      default: "25s",
      description: "health-check deadline per check",
    },
    "request-timeout": {
      type: "string",
      value: "<duration>",
      default: "5s",
      description: "per-request timeout",
    },
    "log-file": {
      type: "string",
      value: "<path>",
      description: "deploy log (default reports/deploy/deploy-<env>.log)",
    },
  },
  run: async ({ values, setOutputs }) => {
    if (values.env === undefined) throw new UsageError("--env is required");
    // The repository's own environments.ts, read now: the package ships the model, no values.
    const environment = environmentNamed(
      await loadEnvironments(REPO_ROOT),
      values.env,
    );
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
        // Its `migrations` say whether this version carries a Durable Object migration.
        wranglerConfigFile: wranglerConfigPath(REPO_ROOT),
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
    setOutputs({
      outcome: report.outcome,
      "version-id": report.versionId ?? "",
      "previous-version-id": report.previousVersionId ?? "",
      "preview-url": report.previewUrl ?? "",
    });
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
  },
});

await runMain(cli);
