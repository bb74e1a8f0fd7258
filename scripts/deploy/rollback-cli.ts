/** npm run deploy:rollback -- --env <name> [--version <id>] [--bookmark B | --timestamp T] — see --help. */
import { z } from "zod";
import {
  environmentNames,
  getEnvironment,
} from "../../workflows-src/environments";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { D1_EXPORT_DIR, rollbackContract } from "../../workflows-src/contracts";
import { defineCli, runMain, UsageError } from "../cli/define-cli";
import { parseDuration } from "./cli-support";
import { cliCloudflare } from "./cloudflare";
import { appendSummary } from "./github-io";
import { rollBack, rollbackSummary, type RestorePoint } from "./rollback";

const versionId = z.uuid({ error: "must be a Worker version id (UUID)" });
const bookmark = z.string().regex(/^[0-9a-f]{8}(-[0-9a-f]+)+$/, {
  error: "must be a D1 bookmark like 00000085-0000024c-…",
});
const timestamp = z
  .string()
  .regex(
    /^(\d{10}|\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d))$/,
    { error: "must be RFC 3339 or Unix seconds" },
  );

function check<T>(schema: z.ZodType<T>, value: string, flag: string): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new UsageError(
      `${flag}: "${value}" ${result.error.issues[0]?.message ?? "is invalid"}`,
    );
  return result.data;
}

/**
 * Where the export before a restore goes. rollback.yml uploads D1_EXPORT_DIR as an artifact, which
 * everyone with read access can download — on a public repository, anyone: there the export stays
 * in the runner's temp directory (gone with the runner) and the log says so.
 */
function exportDir(env: NodeJS.ProcessEnv): { dir: string; note?: string } {
  if (env["GITHUB_ACTIONS"] !== "true") return { dir: D1_EXPORT_DIR };
  let isPrivate = false;
  try {
    const event = JSON.parse(
      readFileSync(env["GITHUB_EVENT_PATH"] ?? "", "utf8"),
    ) as { repository?: { private?: boolean } };
    isPrivate = event.repository?.private === true;
  } catch {
    // No event payload: treat as public, the safe side for user data.
  }
  return isPrivate
    ? { dir: D1_EXPORT_DIR }
    : {
        dir: path.join(env["RUNNER_TEMP"] ?? tmpdir(), "d1-export"),
        note: "public repository: the D1 export is NOT uploaded as an artifact (anyone could download it); to keep the rows written since the bookmark, restore from a laptop instead (RUNBOOK decision tree, step 3)",
      };
}

const cli = defineCli({
  usage: `npm run deploy:rollback -- --env <${environmentNames.join("|")}> [options]`,
  description: `Rolls an environment back: the Worker to a version (default: the newest earlier version that is
not a rollback and that no rollback moved away from — refused, with the recent deployments listed,
when the history cannot tell) and/or D1 to a Time Travel bookmark, timestamp or "before migration M" —
validated with d1 time-travel info and exported (reports/d1-export/) before anything changes; the
restore is recorded in the D1 ledger so the next deploy refuses the migrations it undid — then
health-checks the public URL.
Prints (and outputs as ${rollbackContract.outputs.join(", ")}) the bookmark that undoes a D1 restore. Remote only (local
wrangler has no versions or Time Travel). Needs CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID.`,
  contract: rollbackContract,
  options: {
    env: {
      type: "string",
      value: "<name>",
      description: "environment from workflows-src/environments.ts",
      envVar: "DEPLOY_ENV",
    },
    version: {
      type: "string",
      value: "<id>",
      description:
        "Worker version id to serve (default: the previous good version, see above)",
      envVar: "ROLLBACK_VERSION_ID",
    },
    "skip-worker": {
      type: "boolean",
      description: "leave the Worker alone (restore D1 only)",
      envVar: "ROLLBACK_SKIP_WORKER",
    },
    bookmark: {
      type: "string",
      value: "<bookmark>",
      description:
        "restore D1 to this bookmark (e.g. the migrate job's bookmark output)",
      envVar: "ROLLBACK_BOOKMARK",
    },
    "before-migration": {
      type: "string",
      value: "<file>",
      description:
        "restore D1 to the bookmark taken right before the run that applied this\nmigration (from the D1 ledger), e.g. 0003_drop_legacy.sql",
      envVar: "ROLLBACK_BEFORE_MIGRATION",
    },
    timestamp: {
      type: "string",
      value: "<time>",
      description:
        "restore D1 to this time (RFC 3339 or Unix seconds; Time Travel reaches 30 days back on Workers Paid, 7 on Free)",
      envVar: "ROLLBACK_TIMESTAMP",
    },
    reason: {
      type: "string",
      value: "<text>",
      default: "manual rollback",
      description: 'rollback message, prefixed "manual rollback: "',
    },
    url: {
      type: "string",
      value: "<url>",
      description:
        "public URL to health-check (default: the environment's url)",
    },
    deadline: {
      type: "string",
      value: "<duration>",
      default: "25s",
      description: "health-check deadline",
    },
    "log-file": {
      type: "string",
      value: "<path>",
      description: "log file (default reports/deploy/rollback-<env>.log)",
    },
  },
  epilog: `rollback.yml passes its inputs through the env variables above; empty values count as not
given, so optional workflow_dispatch inputs pass through unconditionally.`,
  run: async ({ values, setOutputs }) => {
    if (values.env === undefined) throw new UsageError("--env is required");
    const environment = getEnvironment(values.env);
    const {
      version,
      bookmark: bookmarkValue,
      timestamp: timestampValue,
    } = values;
    const before = values["before-migration"];
    if ([bookmarkValue, timestampValue, before].filter(Boolean).length > 1)
      throw new UsageError(
        "pass one of --bookmark, --timestamp and --before-migration",
      );
    if (version && values["skip-worker"])
      throw new UsageError("--version contradicts --skip-worker");
    let point: RestorePoint | undefined;
    if (before) point = { beforeMigration: before };
    if (bookmarkValue)
      point = { bookmark: check(bookmark, bookmarkValue, "--bookmark") };
    if (timestampValue)
      point = { timestamp: check(timestamp, timestampValue, "--timestamp") };
    const { log, cloudflare } = cliCloudflare(
      values["log-file"] ?? `reports/deploy/rollback-${environment.name}.log`,
    );
    const exportTo = exportDir(process.env);
    if (point && exportTo.note) log.info(`  ⚠ ${exportTo.note}`);
    const report = await rollBack(
      {
        environment,
        exportDir: exportTo.dir,
        worker: !values["skip-worker"],
        ...(version
          ? { versionId: check(versionId, version, "--version") }
          : {}),
        ...(point ? { point } : {}),
        reason: values.reason,
        ...(values.url ? { publicUrl: values.url } : {}),
        healthDeadlineMs: parseDuration(values.deadline, "--deadline"),
        requestTimeoutMs: 5000,
      },
      { cloudflare, env: process.env, log },
    );
    setOutputs({ "undo-bookmark": report.undoBookmark || undefined });
    appendSummary(rollbackSummary(report));
    log.info(rollbackSummary(report));
    if (!report.ok)
      throw new Error(
        `rollback of ${environment.name} failed: ${report.error ?? "unknown"}`,
      );
    return 0;
  },
});

await runMain(cli);
