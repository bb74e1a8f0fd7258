/** npm run deploy:rollback -- --env <name> [--version <id>] [--bookmark B | --timestamp T] — see --help. */
import { z } from "zod";
import { environmentNamed, loadEnvironments } from "../init/load-environments";
import type { KeyObject } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  D1_EXPORT_DIR,
  D1_EXPORT_RETENTION_DAYS,
  rollbackContract,
} from "../../workflows-src/contracts";
import { defineCli, runMain, UsageError } from "../cli/define-cli";
import { parseDuration } from "./cli-support";
import { cliCloudflare } from "./cloudflare";
import { D1_EXPORT_RECIPIENT, readRecipient } from "./d1-export/seal-export";
import { appendSummary } from "./github-io";
import { REPO_ROOT } from "./wrangler";
import { wranglerConfigPath } from "../cli/wrangler-config-file";
import {
  checkRollbackMigrations,
  fileAtCommit,
} from "./rollback-migration-guard";
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
 * Where the export taken before a restore goes, and what of it is uploaded. rollback.yml uploads
 * D1_EXPORT_DIR as artifact d1-export-<env>, which everyone with read access can download — on a
 * public repository, anyone — so on GitHub Actions the export itself stays in the runner's temp
 * directory (deleted with the runner) and only this reaches the uploaded folder:
 * - the export sealed to the committed recipient key (D1_EXPORT_RECIPIENT), when there is one;
 * - else, in a private repository, the export itself (readers: everyone with read access);
 * - else (public, no key) nothing — and the note says where the export went.
 * On a laptop the export lands in D1_EXPORT_DIR (git-ignored reports/), nothing is uploaded.
 */
export function exportPlacement(
  env: NodeJS.ProcessEnv,
  environment: string,
  recipientPem: string | undefined,
): {
  dir: string;
  seal?: { dir: string; recipient: KeyObject };
  note?: string;
} {
  if (env["GITHUB_ACTIONS"] !== "true") return { dir: D1_EXPORT_DIR };
  const temp = path.join(env["RUNNER_TEMP"] ?? tmpdir(), "d1-export");
  const artifact = `artifact d1-export-${environment} (kept ${D1_EXPORT_RETENTION_DAYS} days)`;
  if (recipientPem !== undefined)
    return {
      dir: temp,
      seal: {
        dir: D1_EXPORT_DIR,
        recipient: readRecipient(recipientPem, D1_EXPORT_RECIPIENT),
      },
      note: `the D1 export is uploaded only sealed to ${D1_EXPORT_RECIPIENT} as ${artifact}: whoever can download it cannot read it without the private key; the clear export stays in ${temp}, deleted when this job ends`,
    };
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
    ? {
        dir: D1_EXPORT_DIR,
        note: `private repository: the D1 export is uploaded in clear as ${artifact} — everyone with read access to the repository can download it; commit ${D1_EXPORT_RECIPIENT} to upload it sealed instead`,
      }
    : {
        dir: temp,
        note: `public repository: the D1 export is NOT uploaded (anyone could download an artifact); it is only in ${temp}, deleted when this job ends — to keep one, commit a recipient key as ${D1_EXPORT_RECIPIENT} (RUNBOOK: break-glass and exports), or restore from a laptop, where it lands in ${D1_EXPORT_DIR}/`,
      };
}

const cli = defineCli({
  usage: "npm run deploy:rollback -- --env <name> [options]",
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
    // The repository's own environments.ts, read now: the package ships the model, no values.
    const environment = environmentNamed(
      await loadEnvironments(REPO_ROOT),
      values.env,
    );
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
    const recipientFile = path.join(REPO_ROOT, D1_EXPORT_RECIPIENT);
    const exportTo = point
      ? exportPlacement(
          process.env,
          environment.name,
          existsSync(recipientFile)
            ? readFileSync(recipientFile, "utf8")
            : undefined,
        )
      : { dir: D1_EXPORT_DIR };
    if (exportTo.note) log.info(`  ⚠ ${exportTo.note}`);
    const report = await rollBack(
      {
        environment,
        exportDir: exportTo.dir,
        ...(exportTo.seal ? { seal: exportTo.seal } : {}),
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
      {
        cloudflare,
        env: process.env,
        log,
        migrationGuard: (versionId) =>
          checkRollbackMigrations({
            cf: cloudflare,
            env: environment,
            versionId,
            configFile: wranglerConfigPath(REPO_ROOT),
            configAt: (sha) =>
              fileAtCommit(
                REPO_ROOT,
                sha,
                path.relative(REPO_ROOT, wranglerConfigPath(REPO_ROOT)),
              ),
          }),
      },
    );
    setOutputs({ "undo-bookmark": report.undoBookmark || undefined });
    const summary = `${rollbackSummary(report)}${report.exportFile && exportTo.note ? `\n${exportTo.note}\n` : ""}`;
    appendSummary(summary);
    log.info(summary);
    if (!report.ok)
      throw new Error(
        `rollback of ${environment.name} failed: ${report.error ?? "unknown"}`,
      );
    return 0;
  },
});

await runMain(cli);
