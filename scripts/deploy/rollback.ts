/**
 * Manual rollback: put a Worker version back (default: the one that served before the current
 * one) and/or restore D1 to a Time Travel bookmark or timestamp, then prove the site healthy.
 * The Worker goes first: old code tolerates a newer (additive) schema, while new code on an
 * older schema does not. Local wrangler has no versions or Time Travel, so this only runs remote
 * (tested through the real wrangler against the Cloudflare API double).
 */
import type { Environment } from "../../workflows-src/environments";
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
import type { RecoveryPoint } from "./wrangler-args";
import { chooseRollbackTarget, describeDeployments } from "./rollback-target";

export interface RollbackPlan {
  readonly environment: Environment;
  readonly worker: boolean;
  /** Worker version to serve; default: chooseRollbackTarget (never a rolled-back-from version). */
  readonly versionId?: string;
  /** D1 point to restore; omitted leaves the data alone. */
  readonly point?: RecoveryPoint;
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
  try {
    if (!plan.worker && plan.point === undefined) {
      throw new Error(
        "nothing to roll back — roll back the Worker, or pass a D1 bookmark or timestamp",
      );
    }
    assertSecretsPresent(env.secrets, deps.env, env.name);
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
      deps.log.info(
        `• rolling ${env.name} back from ${fields.fromVersionId ?? "?"} to ${target}`,
      );
      await deps.cloudflare.rollback(env, target, rollbackMessage(plan.reason));
      fields.toVersionId = target;
    }
    if (plan.point !== undefined) {
      const at =
        "bookmark" in plan.point
          ? `bookmark ${plan.point.bookmark}`
          : `timestamp ${plan.point.timestamp}`;
      deps.log.info(
        `• restoring ${env.name} D1 (${env.d1DatabaseName}) to ${at}`,
      );
      const restore = await deps.cloudflare.restore(env, plan.point);
      fields.restoredTo = restore.restoredTo;
      fields.undoBookmark = restore.undoBookmark;
      deps.log.info(
        `  restored to ${restore.restoredTo}; to undo: npm run deploy:rollback -- --env ${env.name} --skip-worker --bookmark ${restore.undoBookmark}`,
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
