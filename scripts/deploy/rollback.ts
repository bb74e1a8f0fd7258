/**
 * Manual rollback: put a Worker version back (default: the one that served before the current
 * one) and/or restore D1 to a Time Travel bookmark or timestamp, then prove the site healthy.
 * The Worker goes first: old code tolerates a newer (additive) schema, while new code on an
 * older schema does not. Local wrangler has no versions or Time Travel, so this only runs remote
 * (tested through the real wrangler against the Cloudflare API double).
 */
import type { GuardResult } from "./rollback-migration-guard";
import type { Environment } from "../../workflows-src/builders/environment-model";
import type { DeployLog } from "./deploy-log";
import type { EnvVars } from "./env-vars";
import {
  describePoll,
  pollHealth,
  type PollOptions,
  type PollResult,
} from "./health-poll";
import { assertSecretsPresent } from "./required-secrets";
import type { CloudflareClient } from "./cloudflare";
import type { KeyObject } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import {
  openCommands,
  sealFile,
  type SealedFiles,
} from "./d1-export/seal-export";
import {
  readLedger,
  readMigrationRecord,
  recordRestore,
  writeLedger,
} from "./d1-ledger/d1-ledger";
import {
  bookmarkBefore,
  carryForward,
  LEDGER_TABLE,
  type LedgerEntry,
} from "./d1-ledger/ledger";
import { REMOTE, type RecoveryPoint } from "./wrangler-args";
import { chooseRollbackTarget, describeDeployments } from "./rollback-target";
import { runHint } from "./run-hint";

/** A D1 restore point as an operator names it: a bookmark, a time, or "before migration M". */
export type RestorePoint = RecoveryPoint | { readonly beforeMigration: string };

export interface RollbackPlan {
  readonly environment: Environment;
  readonly worker: boolean;
  /** Worker version to serve; default: chooseRollbackTarget (never a rolled-back-from version). */
  readonly versionId?: string;
  /** D1 point to restore; omitted leaves the data alone. */
  readonly point?: RestorePoint;
  /** Where the export taken before a restore goes (in clear). */
  readonly exportDir?: string;
  /** Also seal the export to this public key into `dir` (the folder rollback.yml uploads). */
  readonly seal?: { readonly dir: string; readonly recipient: KeyObject };
  readonly reason: string;
  readonly publicUrl?: string;
  readonly healthDeadlineMs: number;
  readonly requestTimeoutMs: number;
}

export interface RollbackDeps {
  readonly cloudflare: CloudflareClient;
  readonly env: EnvVars;
  readonly log: DeployLog;
  readonly poll?: (options: PollOptions) => Promise<PollResult>;
  /** Would rolling back to this version cross a Durable Object migration (rollback-migration-guard.ts)? */
  readonly migrationGuard?: (versionId: string) => Promise<GuardResult>;
}

export interface RollbackReport {
  readonly environment: string;
  readonly ok: boolean;
  readonly error?: string;
  readonly fromVersionId?: string;
  readonly toVersionId?: string;
  readonly restoredTo?: string;
  /** Restoring to this bookmark undoes the D1 restore. */
  readonly undoBookmark?: string;
  readonly health?: string;
  /** Newest first; listed when no safe default exists, so the operator can pick one. */
  readonly recentDeployments?: readonly string[];
  /** The whole database as SQL, exported right before the restore. */
  readonly exportFile?: string;
  /** The export sealed for upload (plan.seal): only the recipient's private key opens it. */
  readonly sealedExport?: SealedFiles;
  /** Migrations the restore undid: the next deploy refuses them until reverted or re-accepted. */
  readonly undone?: readonly string[];
}

/** Our rollbacks carry a recognisable message, which rollback-target.ts reads back later. */
export function rollbackMessage(reason: string): string {
  return /^manual rollback\b/i.test(reason)
    ? reason
    : `manual rollback: ${reason}`;
}

export async function rollBack(
  plan: RollbackPlan,
  deps: RollbackDeps,
): Promise<RollbackReport> {
  const env = plan.environment;
  const fields: { -readonly [K in keyof RollbackReport]?: RollbackReport[K] } =
    {};
  const done = (ok: boolean, error?: string): RollbackReport => ({
    environment: env.name,
    ok,
    ...fields,
    ...(error === undefined ? {} : { error }),
  });
  let bookmark: string | undefined;
  let appliedBefore: string[] = [];
  let ledgerBefore: LedgerEntry[] = [];
  try {
    if (!plan.worker && plan.point === undefined) {
      throw new Error(
        "nothing to roll back — roll back the Worker, or pass a D1 bookmark, timestamp or before-migration",
      );
    }
    assertSecretsPresent(env.secrets, deps.env, env.name);
    // D1 first in time, though it is restored second: the point is resolved and validated, and the
    // data saved, before anything changes.
    if (plan.point !== undefined) {
      // d1_migrations and the ledger in one wrangler call, both read before anything changes.
      const record = await readMigrationRecord(deps.cloudflare, env);
      ledgerBefore = record.ledger;
      bookmark = await resolvePoint(plan.point, env.name, {
        current: () => deps.cloudflare.bookmark(env),
        at: (timestamp) => deps.cloudflare.bookmark(env, { timestamp }),
        before: (migration) => bookmarkBefore(ledgerBefore, migration),
      });
      appliedBefore = record.applied;
      const dir = plan.exportDir ?? path.join("reports", "d1-export");
      mkdirSync(dir, { recursive: true });
      const file = path.join(
        dir,
        `${env.name}-before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}.sql`,
      );
      deps.log.info(
        `• exporting ${env.name} D1 (${env.d1DatabaseName}) to ${file} before restoring`,
      );
      await deps.cloudflare.exportDatabase(env, file);
      fields.exportFile = file;
      if (plan.seal) {
        mkdirSync(plan.seal.dir, { recursive: true });
        fields.sealedExport = sealFile(
          file,
          plan.seal.dir,
          plan.seal.recipient,
        );
        deps.log.info(
          `  sealed to the recipient key: ${fields.sealedExport.data} + ${fields.sealedExport.key}`,
        );
      }
    }
    if (plan.worker) {
      const list = await deps.cloudflare.listDeployments(env);
      const choice = chooseRollbackTarget(list);
      if (choice.fromVersionId !== undefined)
        fields.fromVersionId = choice.fromVersionId;
      let target = plan.versionId;
      if (target === undefined) {
        if (!choice.ok) {
          fields.recentDeployments = describeDeployments(list);
          deps.log.info(`  recent deployments of ${env.name}, newest first:`);
          for (const line of fields.recentDeployments)
            deps.log.info(`    ${line}`);
          throw new Error(
            `${env.name}: no safe default rollback target: ${choice.reason} — pass --version <id> explicitly (rollback.yml: version-id), choosing from the recent deployments listed in the log and summary`,
          );
        }
        target = choice.versionId;
      }
      // Before anything changes: Cloudflare would refuse it, and the D1 restore must not run alone.
      const guard = await deps.migrationGuard?.(target);
      if (guard?.kind === "crosses") throw new Error(guard.reason);
      if (guard?.kind === "unchecked")
        deps.log.info(`  Durable Object migrations not compared: ${guard.why}`);
      deps.log.info(
        `• rolling ${env.name} back from ${fields.fromVersionId ?? "?"} to ${target}`,
      );
      await deps.cloudflare.rollback(env, target, rollbackMessage(plan.reason));
      fields.toVersionId = target;
    }
    if (bookmark !== undefined) {
      deps.log.info(
        `• restoring ${env.name} D1 (${env.d1DatabaseName}) to bookmark ${bookmark}`,
      );
      try {
        const restore = await deps.cloudflare.restore(env, { bookmark });
        fields.restoredTo = restore.restoredTo;
        fields.undoBookmark = restore.undoBookmark;
      } catch (error) {
        throw new Error(
          restoreFailed(env.name, bookmark, fields.toVersionId, error),
          { cause: error },
        );
      }
      deps.log.info(
        `  restored to ${fields.restoredTo ?? bookmark}; to undo: ${runHint("deploy:rollback", ["--env", env.name, "--skip-worker", "--bookmark", fields.undoBookmark ?? "?"])}`,
      );
      const at = new Date().toISOString();
      // One D1 batch records the restore and reads d1_migrations back. When it fails it recorded
      // nothing (d1_migrations is gone after a restore to before the first migration, or the API
      // failed): then read and record apart, so a failure surfaces where it always did — the
      // ledger's with the revert advice below.
      const recorded = await recordRestore(
        deps.cloudflare,
        env,
        { applied: appliedBefore, ledger: ledgerBefore },
        { at, bookmark, reason: plan.reason },
      ).catch(() => undefined);
      const appliedAfter =
        recorded ?? (await deps.cloudflare.appliedMigrations(env, REMOTE));
      const undone = appliedBefore.filter((m) => !appliedAfter.includes(m));
      fields.undone = undone;
      if (recorded === undefined) {
        try {
          const ledgerAfter = await readLedger(deps.cloudflare, env);
          await writeLedger(deps.cloudflare, env, [
            ...carryForward(ledgerBefore, ledgerAfter),
            { at, kind: "restore", bookmark, undone, reason: plan.reason },
          ]);
        } catch (error) {
          throw new Error(
            `${env.name}: D1 restored, but recording the restore in the D1 ledger failed (${(error as Error).message}) — the next deploy would apply ${undone.join(", ") || "nothing undone"} again: revert ${undone.length === 1 ? "it" : "them"} in the repository before the next push to ${env.branch}`,
            { cause: error },
          );
        }
      }
      if (fields.exportFile)
        deps.log.info(
          reimportHint(env.name, fields.exportFile, fields.sealedExport),
        );
    }
  } catch (error) {
    return done(false, (error as Error).message);
  }
  const result = await (deps.poll ?? pollHealth)({
    url: plan.publicUrl ?? env.url,
    expected: {},
    deadlineMs: plan.healthDeadlineMs,
    requestTimeoutMs: plan.requestTimeoutMs,
    onAttempt: (n, verdict, ms) =>
      deps.log.info(`  attempt ${n} at ${(ms / 1000).toFixed(1)}s: ${verdict}`),
  });
  fields.health = describePoll(result);
  return result.ok
    ? done(true)
    : done(false, `rolled back, but ${describePoll(result)}`);
}

/** Resolves an operator's restore point to a bookmark, checked with `d1 time-travel info` first. */
export async function resolvePoint(
  point: RestorePoint,
  environment: string,
  read: {
    current: () => Promise<string>;
    at: (timestamp: string) => Promise<string>;
    before: (migration: string) => string | undefined;
  },
): Promise<string> {
  if ("timestamp" in point) return read.at(point.timestamp);
  const bookmark =
    "bookmark" in point ? point.bookmark : read.before(point.beforeMigration);
  if (bookmark === undefined)
    throw new Error(
      `${environment}: no bookmark recorded before migration ${"beforeMigration" in point ? point.beforeMigration : "?"} in the D1 ledger — pass the bookmark from the migrate summary of the run that applied it (rollback.yml: bookmark), or a timestamp`,
    );
  const current = await read.current();
  // D1 bookmarks sort in time order: one after the database's current state is from another
  // database or a typo, and restoring it would fail after the Worker had already gone back.
  if (bookmark > current)
    throw new Error(
      `${environment}: bookmark ${bookmark} is newer than the database's current bookmark ${current} (wrangler d1 time-travel info) — wrong environment or a mistyped bookmark; nothing was changed`,
    );
  return bookmark;
}

function restoreFailed(
  environment: string,
  bookmark: string,
  workerVersion: string | undefined,
  error: unknown,
): string {
  const worker =
    workerVersion === undefined
      ? ""
      : ` The Worker already serves ${workerVersion}: old code on the new schema — restore D1 now (RUNBOOK, "Restore failed after the Worker went back"):`;
  return `${environment}: D1 restore to ${bookmark} failed (${(error as Error).message}).${worker} ${runHint("deploy:rollback", ["--env", environment, "--skip-worker", "--bookmark", bookmark])}`;
}

/**
 * The rows of `file` as statements that put back only what the restore took away: rows still
 * present keep theirs (same primary key: skipped), and the pipeline's own tables stay out
 * (re-inserting d1_migrations rows would mark the undone migration applied again).
 */
export function reimportCommand(
  environment: string,
  sqlFile: string,
): [string, string] {
  const skipped = ["d1_migrations", LEDGER_TABLE, "sqlite_sequence"]
    .map((table) => `-e '^INSERT INTO "${table}"'`)
    .join(" ");
  return [
    `grep '^INSERT INTO "' ${sqlFile} | grep -v ${skipped} | sed 's/^INSERT INTO/INSERT OR IGNORE INTO/' > rows.sql`,
    `node_modules/.bin/wrangler d1 execute DB --env ${environment} --remote --file rows.sql`,
  ];
}

/** How to get the rows written after the bookmark back: open the sealed copy, pick rows, execute. */
export function reimportHint(
  environment: string,
  file: string,
  sealed?: SealedFiles,
): string {
  const open = sealed
    ? ` (sealed: download artifact d1-export-${environment}, then, with the private key as d1-export.key: ${openCommands(sealed).join("; ")})`
    : "";
  const [pick, execute] = reimportCommand(
    environment,
    sealed ? path.basename(file) : file,
  );
  return `  rows written after the bookmark were discarded; they are in ${file}${open}. To put them back: ${pick} — then, from the repository: ${execute} (rows the restore kept are skipped by their primary key; if the undone migration changed a table's columns, edit rows.sql to the restored schema first)`;
}

export function rollbackSummary(r: RollbackReport): string {
  const lines = [`### Rollback — ${r.environment} ${r.ok ? "✅" : "❌"}`, ""];
  if (r.error) lines.push(`**Failed:** ${r.error}`, "");
  if (r.toVersionId)
    lines.push(
      `- Worker: \`${r.fromVersionId ?? "?"}\` → \`${r.toVersionId}\``,
    );
  if (r.restoredTo) lines.push(`- D1 restored to bookmark \`${r.restoredTo}\``);
  if (r.undoBookmark) {
    lines.push(
      `- To undo the D1 restore, restore bookmark \`${r.undoBookmark}\` (rollback workflow, Worker rollback off)`,
    );
  }
  if (r.sealedExport)
    lines.push(
      `- Exported before the restore, sealed: artifact \`d1-export-${r.environment}\` holds \`${path.basename(r.sealedExport.data)}\` + \`${path.basename(r.sealedExport.key)}\`; open with the private key (d1-export.key): \`${openCommands(r.sealedExport).join("; ")}\``,
    );
  else if (r.exportFile)
    lines.push(`- Exported before the restore: \`${r.exportFile}\``);
  if (r.undone)
    lines.push(
      r.undone.length === 0
        ? "- The restore undid no migration"
        : `- Undone migrations: ${r.undone.map((m) => `\`${m}\``).join(", ")} — the next deploy refuses them until reverted in the repository (or \`deploy:migrate --reapply\`)`,
    );
  if (r.health) lines.push(`- Health: ${r.health}`);
  if (r.recentDeployments) {
    lines.push(
      "",
      "Recent deployments (newest first) — pass one version id explicitly:",
      "",
      "```text",
      ...r.recentDeployments,
      "```",
    );
  }
  return `${lines.join("\n")}\n`;
}
