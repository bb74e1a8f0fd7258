/** npm run deploy:preview:cleanup -- --pr <n> | --sweep — see --help. */
import { cliApi, rootApi } from "../cloudflare/for-cli";
import { previewCleanupContract } from "../../../workflows-src/contracts";
import { preview } from "../../../workflows-src/environments";
import { defineCli, runMain, UsageError } from "../../cli/define-cli";
import { redactCredentials } from "../cloudflare";
import { createDeployLog } from "../deploy-log";
import { appendSummary } from "../github-io";
import { assertSecretsPresent } from "../required-secrets";
import { createWrangler, REPO_ROOT } from "../wrangler";
import { parseOpenList } from "./open-pull-requests";
import {
  cleanupSummary,
  removePreview,
  sweepPreviews,
  type Removal,
} from "./preview-cleanup";
import { createPreviewCloudflare } from "./preview-cloudflare";

const cli = defineCli({
  usage:
    "npm run deploy:preview:cleanup -- (--pr <number> | --sweep) [options]",
  description: `Deletes preview databases (${preview.d1DatabasePrefix}<number>): with --pr, that closed or merged pull
request's; with --sweep, every one older than a day whose pull request is not in --open (from
npm run preview:open-pulls). Idempotent: a database already gone is reported as absent.
Writes ${previewCleanupContract.outputs.join(", ")} (the names removed, comma-separated) and a step summary.`,
  contract: previewCleanupContract,
  options: {
    pr: {
      type: "string",
      value: "<number>",
      description: "the closed pull request",
      envVar: "PREVIEW_PR",
    },
    sweep: {
      type: "boolean",
      description: "remove every preview database of a pull request not open",
      envVar: "PREVIEW_SWEEP",
    },
    open: {
      type: "string",
      value: "<n,n,…|none>",
      description:
        "with --sweep: the open pull requests (npm run preview:open-pulls)",
      envVar: "PREVIEW_OPEN",
    },
    "min-age": {
      type: "string",
      value: "<hours>",
      default: "24",
      description:
        "with --sweep: keep databases younger than this (a pull request opened after --open was listed)",
    },
    "log-file": {
      type: "string",
      value: "<path>",
      description:
        "also write the log here (default reports/deploy/preview-cleanup.log)",
    },
  },
  run: async ({ values, setOutputs }) => {
    const pr = values.pr?.trim() ? Number(values.pr) : undefined;
    if ((pr === undefined) === !values.sweep)
      throw new UsageError("pass exactly one of --pr <number> and --sweep");
    if (pr !== undefined && (!Number.isSafeInteger(pr) || pr < 1))
      throw new UsageError(
        `--pr ${values.pr ?? ""}: not a pull request number`,
      );
    const env = process.env;
    assertSecretsPresent(preview.secrets, env, preview.name);
    const redact = redactCredentials(env);
    const log = createDeployLog(
      values["log-file"] ?? "reports/deploy/preview-cleanup.log",
      { redact },
    );
    const cloudflare = createPreviewCloudflare(
      createWrangler({ log, env }),
      redact,
      rootApi(cliApi(env, log), REPO_ROOT, env),
    );
    let removals: Removal[];
    if (pr !== undefined) {
      removals = [await removePreview(preview, pr, cloudflare)];
    } else {
      const open = parseOpenList(values.open);
      log.info(
        `• open pull requests: ${[...open].sort((a, b) => a - b).join(", ") || "none"}`,
      );
      const hours = Number(values["min-age"]);
      if (!Number.isFinite(hours) || hours < 0)
        throw new UsageError(
          `--min-age ${values["min-age"]}: not a number of hours`,
        );
      removals = await sweepPreviews(preview, open, cloudflare, {
        minAgeMs: hours * 3_600_000,
      });
    }
    for (const r of removals)
      log.info(
        `  #${r.pr} ${r.database}${r.uuid ? ` (${r.uuid})` : ""}: ${r.outcome}${r.reason ? ` — ${r.reason}` : ""}`,
      );
    setOutputs({
      removed: removals
        .filter((r) => r.outcome === "removed")
        .map((r) => r.database)
        .join(","),
    });
    appendSummary(
      cleanupSummary(
        pr === undefined
          ? "Preview sweep: databases of pull requests no longer open"
          : `Preview of #${pr} removed`,
        removals,
      ),
    );
    const failed = removals.filter((r) => r.outcome === "failed");
    if (failed.length > 0)
      throw new Error(
        `could not delete ${failed.map((r) => r.database).join(", ")}: ${failed[0]?.reason ?? ""}`,
      );
    return 0;
  },
});

await runMain(cli);
