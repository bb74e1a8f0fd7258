/** npm run deploy:rollback -- --env <name> [--version <id>] [--bookmark B | --timestamp T] — see --help. */
import { parseArgs } from "node:util";
import { z } from "zod";
import {
  environmentNames,
  getEnvironment,
} from "../../workflows-src/environments";
import { fromEnv, parseDuration, runCli, UsageError } from "./cli-support";
import { cliCloudflare } from "./cloudflare";
import { appendSummary, setOutput } from "./github-io";
import { rollBack, rollbackSummary } from "./rollback";
import type { RecoveryPoint } from "./wrangler-args";

const help = `Usage: npm run deploy:rollback -- --env <${environmentNames.join("|")}> [options]

Rolls an environment back: the Worker to a version (default: the newest earlier version that is
not a rollback and that no rollback moved away from — refused, with the recent deployments listed,
when the history cannot tell) and/or D1 to a Time Travel bookmark or timestamp, then health-checks the public URL.
Prints (and outputs as undo-bookmark) the bookmark that undoes a D1 restore. Remote only (local
wrangler has no versions or Time Travel). Needs CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID.

Options:
  --env <name>            environment from workflows-src/environments.ts
  --version <id>          Worker version id to serve (default: the previous good version, see above)
  --skip-worker           leave the Worker alone (restore D1 only)
  --bookmark <bookmark>   restore D1 to this bookmark (e.g. the migrate job's bookmark output)
  --timestamp <time>      restore D1 to this time (RFC 3339 or Unix seconds, last 30 days)
  --reason <text>         rollback message, prefixed "manual rollback: " (default: manual rollback)
  --url <url>             public URL to health-check (default: the environment's url)
  --deadline <duration>   health-check deadline (default 25s)
  --log-file <path>       log file (default reports/deploy/rollback-<env>.log)
  -h, --help              show this help

Each option can also come from env (DEPLOY_ENV, ROLLBACK_VERSION_ID, ROLLBACK_BOOKMARK,
ROLLBACK_TIMESTAMP, ROLLBACK_SKIP_WORKER=true), which is how rollback.yml passes its inputs; empty
values count as not given, so optional workflow_dispatch inputs pass through unconditionally.`;

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

const blankToUndefined = (value: string | undefined) =>
  value?.trim() ? value.trim() : undefined;

await runCli(help, async () => {
  const { values } = parseArgs({
    options: {
      env: { type: "string" },
      version: { type: "string" },
      "skip-worker": { type: "boolean", default: false },
      bookmark: { type: "string" },
      timestamp: { type: "string" },
      reason: { type: "string", default: "manual rollback" },
      url: { type: "string" },
      deadline: { type: "string", default: "25s" },
      "log-file": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  values.env ??= fromEnv("DEPLOY_ENV");
  values.version ??= fromEnv("ROLLBACK_VERSION_ID");
  values.bookmark ??= fromEnv("ROLLBACK_BOOKMARK");
  values.timestamp ??= fromEnv("ROLLBACK_TIMESTAMP");
  if (fromEnv("ROLLBACK_SKIP_WORKER") === "true") values["skip-worker"] = true;
  if (values.env === undefined) throw new UsageError("--env is required");
  const environment = getEnvironment(values.env);
  const version = blankToUndefined(values.version);
  const bookmarkValue = blankToUndefined(values.bookmark);
  const timestampValue = blankToUndefined(values.timestamp);
  if (bookmarkValue && timestampValue)
    throw new UsageError("pass --bookmark or --timestamp, not both");
  if (version && values["skip-worker"])
    throw new UsageError("--version contradicts --skip-worker");
  let point: RecoveryPoint | undefined;
  if (bookmarkValue)
    point = { bookmark: check(bookmark, bookmarkValue, "--bookmark") };
  if (timestampValue)
    point = { timestamp: check(timestamp, timestampValue, "--timestamp") };
  const { log, cloudflare } = cliCloudflare(
    values["log-file"] ?? `reports/deploy/rollback-${environment.name}.log`,
  );
  const report = await rollBack(
    {
      environment,
      worker: !values["skip-worker"],
      ...(version ? { versionId: check(versionId, version, "--version") } : {}),
      ...(point ? { point } : {}),
      reason: values.reason,
      ...(values.url ? { publicUrl: values.url } : {}),
      healthDeadlineMs: parseDuration(values.deadline, "--deadline"),
      requestTimeoutMs: 5000,
    },
    { cloudflare, env: process.env, log },
  );
  if (report.undoBookmark) setOutput("undo-bookmark", report.undoBookmark);
  appendSummary(rollbackSummary(report));
  log.info(rollbackSummary(report));
  if (!report.ok)
    throw new Error(
      `rollback of ${environment.name} failed: ${report.error ?? "unknown"}`,
    );
  return 0;
});
