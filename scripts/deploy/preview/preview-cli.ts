/** npm run deploy:preview -- --pr <n> --sha <sha> [--data-dir DIR] — see --help. */
import path from "node:path";
import { previewContract } from "../../../workflows-src/contracts";
import { preview } from "../../../workflows-src/environments";
import { defineCli, runMain, UsageError } from "../../cli/define-cli";
import { npmRunner } from "../cli-support";
import { createCloudflareClient, redactCredentials } from "../cloudflare";
import { cliApi, rootApi } from "../cloudflare/for-cli";
import { configScopeResources } from "../cloudflare/scope-resources";
import { createDeployLog } from "../deploy-log";
import { appendSummary } from "../github-io";
import { createWrangler, REPO_ROOT } from "../wrangler";
import { createPreviewCloudflare } from "./preview-cloudflare";
import { deployPreview } from "./preview-deploy";
import { describePreview, previewSummary } from "./preview-summary";

const cli = defineCli({
  usage: "npm run deploy:preview -- --pr <number> --sha <commit> [options]",
  description: `Previews a same-repository pull request on the ${preview.workerName} Worker: creates its D1 database
${preview.d1DatabasePrefix}<number> on the first push, applies the pull request's migrations through the migrate
path (secrets, lint, bookmark), seeds it once from ${preview.seedFile} when the pull request has one,
uploads .open-next/ (quality's build) under the alias ${preview.aliasPrefix}<number> and checks /api/health there.
Runs no code of the pull request. Writes ${previewContract.outputs.join(", ")} to GITHUB_OUTPUT and a step summary.`,
  contract: previewContract,
  options: {
    pr: {
      type: "string",
      value: "<number>",
      description: "pull request number",
      envVar: "PREVIEW_PR",
    },
    sha: {
      type: "string",
      value: "<commit>",
      description: "the pull request's head commit (the version's tag)",
      envVar: "PREVIEW_SHA",
    },
    "data-dir": {
      type: "string",
      value: "<dir>",
      description:
        "where the pull request's drizzle/ directory was put (migrations, seed);\ndefault: this checkout",
      envVar: "PREVIEW_DATA_DIR",
    },
    "health-deadline": {
      type: "string",
      value: "<ms>",
      default: "60000",
      description: "how long the alias URL may take to serve this commit",
    },
    "log-file": {
      type: "string",
      value: "<path>",
      description:
        "also write the log here (default reports/deploy/preview.log)",
    },
  },
  run: async ({ values, setOutputs }) => {
    const pr = Number(values.pr ?? "");
    if (!Number.isSafeInteger(pr) || pr < 1)
      throw new UsageError("--pr <number> is required (a pull request number)");
    const sha = values.sha?.trim() ?? "";
    if (!/^[0-9a-f]{7,40}$/.test(sha))
      throw new UsageError("--sha <commit> is required (the head commit SHA)");
    const dataRoot = path.resolve(REPO_ROOT, values["data-dir"] ?? ".");
    const env = process.env;
    const redact = redactCredentials(env);
    const log = createDeployLog(
      values["log-file"] ?? "reports/deploy/preview.log",
      { redact },
    );
    const api = cliApi(env, log);
    const clientsIn = (cwd: string) => {
      const wrangler = createWrangler({ log, env, cwd });
      return {
        cloudflare: createCloudflareClient({
          wrangler,
          redact,
          ...(api === undefined
            ? {}
            : { api: { ...api, resources: configScopeResources(cwd, env) } }),
        }),
        preview: createPreviewCloudflare(
          wrangler,
          redact,
          rootApi(api, cwd, env),
        ),
      };
    };
    const report = await deployPreview(
      {
        preview,
        pr,
        sha,
        message: `preview of #${pr} at ${sha.slice(0, 7)}`,
        root: REPO_ROOT,
        migrationsDir: path.join(dataRoot, "drizzle", "migrations"),
        seedFile: path.join(dataRoot, preview.seedFile),
        configDir: path.join(REPO_ROOT, ".wrangler", "preview", `pr-${pr}`),
        healthDeadlineMs: Number(values["health-deadline"]),
        requestTimeoutMs: 10_000,
      },
      {
        account: clientsIn(REPO_ROOT).preview,
        inDir: clientsIn,
        lint: (configFile) =>
          npmRunner("lint:migrations", log, [
            "--config",
            configFile,
            "--skip-drizzle-check",
          ]),
        env,
        log,
      },
    );
    setOutputs({
      url: report.url ?? undefined,
      "version-id": report.versionId ?? undefined,
      database: report.database.name,
    });
    appendSummary(previewSummary(report));
    if (!report.ok) throw new Error(describePreview(report));
    log.info(describePreview(report));
    return 0;
  },
});

await runMain(cli);
