/**
 * The migrate stage: refuse early (secrets, lint), remember how to undo (Time Travel bookmark),
 * apply, and report exactly which migrations this run applied. The same sequence runs against the
 * local D1 in the rehearsal and drills, and against the remote D1 in CI; only `target` differs.
 */
import { readdirSync } from "node:fs";
import { compareWithServing, type IsAncestor } from "./commit-order";
import {
  readMigrationRecord,
  recordApplied,
  writeLedger,
} from "./d1-ledger/d1-ledger";
import {
  undoneMigrations,
  type Blocked,
  type LedgerEntry,
} from "./d1-ledger/ledger";
import type { EnvVars } from "./env-vars";
import type { DeployLog } from "./deploy-log";
import { markdownTable } from "./github-io";
import { assertSecretsPresent } from "./required-secrets";
import type { CloudflareClient } from "./cloudflare";
import type { Target, WranglerScope } from "./wrangler-args";
import { servingVersion } from "./wrangler-output";
import { runHint } from "./run-hint";

export interface MigrationPlan {
  /** Environment name for messages ("staging", "production", "local"). */
  readonly label: string;
  readonly scope: WranglerScope;
  readonly target: Target;
  readonly requiredSecrets: readonly string[];
  /**
   * The migration files (wrangler's migrations_dir). Given, the step knows what is pending before
   * it applies: it takes a bookmark only when something will be applied, and refuses a migration a
   * D1 restore undid (see d1-ledger/ledger.ts) unless it is re-accepted below.
   */
  readonly migrationsDir?: string;
  /**
   * The commit being deployed. Given (remote, with migrationsDir), pending migrations are applied
   * only when the serving version's commit does not already contain this one: a re-run of an old
   * deploy run is skipped as superseded here, before migrating — the release's own check comes
   * after the migrate step, too late for the migrations an old checkout still carries. After a
   * rollback the serving commit is older again, so the re-run is not superseded (the D1 ledger
   * then refuses what a restore undid).
   */
  readonly commit?: { readonly sha: string; readonly isAncestor: IsAncestor };
  /** Undone migrations a person re-accepts, with the reason (recorded in the ledger). */
  readonly reapply?: {
    readonly migrations: readonly string[];
    readonly reason: string;
  };
  /**
   * The caller created this (remote) database moments ago, so d1_migrations and the ledger are
   * both absent: reading them would cost two wrangler calls (the batch fails on the first missing
   * table, then the ledger is read alone) to learn that nothing is applied or recorded.
   */
  readonly newDatabase?: boolean;
}

/** Pending = files wrangler would apply, in its order (by name), minus the applied ones. */
export function pendingMigrations(
  files: readonly string[],
  applied: readonly string[],
): string[] {
  const done = new Set(applied);
  return files
    .filter((f) => f.endsWith(".sql") && !done.has(f))
    .sort((a, b) => a.localeCompare(b));
}

export function undoneMessage(
  label: string,
  blocked: readonly Blocked[],
): string {
  const names = blocked.map((b) => b.migration);
  const first = blocked[0];
  return `${label}: refusing to apply ${names.join(", ")} again — the D1 restore of ${first?.restore.at ?? "?"} (to bookmark ${first?.restore.bookmark ?? "?"}, "${first?.restore.reason ?? ""}") undid ${names.length === 1 ? "it" : "them"}. Revert ${names.length === 1 ? "it" : "them"} in the repository (git revert the commit that added ${names.join(", ")}, or delete the file and its drizzle/migrations/meta/_journal.json entry, then push), or re-accept knowingly: ${runHint("deploy:migrate", ["--env", label, ...names.flatMap((n) => ["--reapply", n]), "--reason", '"<why it is safe now>"'])}`;
}

export interface MigrateDeps {
  readonly cloudflare: CloudflareClient;
  /** Runs the migration linter; omitted when the caller has just run it. */
  readonly lint?: () => Promise<void>;
  readonly env: EnvVars;
  readonly log: DeployLog;
}

export interface MigrateReport {
  readonly label: string;
  readonly remote: boolean;
  readonly ok: boolean;
  readonly error?: string;
  /** Restoring D1 to this bookmark undoes the run (remote only). */
  readonly bookmark: string | null;
  /** Applied by this run, in order. */
  readonly applied: readonly string[];
  /** Everything applied after the run (including earlier runs). */
  readonly allApplied: readonly string[];
  /** Why nothing was applied: the serving commit already contains this one (see plan.commit). */
  readonly superseded?: string;
  readonly durationMs: number;
}

export async function migrate(
  plan: MigrationPlan,
  deps: MigrateDeps,
): Promise<MigrateReport> {
  const started = performance.now();
  const remote = plan.target.kind === "remote";
  let bookmark: string | null = null;
  let before: string[] = [];
  const report = (fields: {
    ok: boolean;
    error?: string;
    superseded?: string;
    allApplied: readonly string[];
  }): MigrateReport => {
    const known = new Set(before);
    return {
      label: plan.label,
      remote,
      bookmark,
      applied: fields.allApplied.filter((name) => !known.has(name)),
      durationMs: performance.now() - started,
      ...fields,
    };
  };

  let pending: string[] | undefined;
  let ledger: LedgerEntry[] = [];
  try {
    if (remote)
      assertSecretsPresent(plan.requiredSecrets, deps.env, plan.label);
    if (deps.lint) {
      deps.log.info("• linting migrations");
      await deps.lint();
    }
    if (plan.migrationsDir === undefined) {
      // Pending unknown: bookmark every remote run, as before the ledger (tests, local drills).
      if (remote) bookmark = await deps.cloudflare.bookmark(plan.scope);
      before = await deps.cloudflare.appliedMigrations(plan.scope, plan.target);
    } else {
      if (remote && plan.newDatabase === true) {
        deps.log.info(`• ${plan.label}: new database, nothing applied yet`);
      } else if (remote) {
        // The ledger comes with d1_migrations in the same wrangler call (it is consulted below
        // only when something is pending).
        ({ applied: before, ledger } = await readMigrationRecord(
          deps.cloudflare,
          plan.scope,
        ));
      } else
        before = await deps.cloudflare.appliedMigrations(
          plan.scope,
          plan.target,
        );
      pending = pendingMigrations(readdirSync(plan.migrationsDir), before);
    }
    if (remote && plan.commit !== undefined && pending?.length) {
      const superseded = await servingContains(
        deps.cloudflare,
        plan.scope,
        plan.commit,
      );
      if (superseded !== undefined) {
        deps.log.info(`• ${plan.label}: ${superseded}`);
        return report({ ok: true, superseded, allApplied: before });
      }
    }
    if (remote && pending !== undefined) {
      const reapply = new Set(plan.reapply?.migrations ?? []);
      const blocked = undoneMigrations(ledger, pending).filter(
        (b) => !reapply.has(b.migration),
      );
      if (blocked.length > 0)
        throw new Error(undoneMessage(plan.label, blocked));
    }
    if (pending?.length === 0) {
      // No bookmark: one taken now would name no migration, and would be newer than the
      // bookmark that undoes the last one that did (the re-run that restored nothing).
      deps.log.info(
        `• ${plan.label}: no migrations to apply (${before.length} applied)`,
      );
      return report({ ok: true, allApplied: before });
    }
    if (remote && bookmark === null) {
      deps.log.info("• recording a D1 Time Travel bookmark before applying");
      bookmark = await deps.cloudflare.bookmark(plan.scope);
    }
    if (bookmark !== null) deps.log.info(`  bookmark ${bookmark}`);
    deps.log.info(
      `• applying migrations to ${plan.label} (${remote ? "remote" : "local"} D1; ${before.length} already applied${pending ? `; pending ${pending.join(", ")}` : ""})`,
    );
  } catch (error) {
    return report({
      ok: false,
      error: (error as Error).message,
      allApplied: before,
    });
  }

  let applyError: string | undefined;
  try {
    await deps.cloudflare.applyMigrations(plan.scope, plan.target);
  } catch (error) {
    applyError = `${plan.label}: ${(error as Error).message}`;
  }
  // Wrangler rolls back the failing migration; earlier ones in the same run stay applied, so the
  // summary lists what actually landed either way.
  const record =
    remote && bookmark !== null && pending !== undefined
      ? {
          at: new Date().toISOString(),
          bookmark,
          ...(plan.reapply === undefined ? {} : { reapply: plan.reapply }),
        }
      : undefined;
  // After a clean apply, one D1 batch records the ledger rows and reads d1_migrations back; when
  // that batch fails (it then recorded nothing), or the apply failed, read and record apart.
  const recorded =
    record !== undefined && applyError === undefined
      ? await recordApplied(deps.cloudflare, plan.scope, before, record).catch(
          () => undefined,
        )
      : undefined;
  const after =
    recorded ??
    (await deps.cloudflare
      .appliedMigrations(plan.scope, plan.target)
      .catch(() => before));
  const landed = after.filter((name) => !before.includes(name));
  if (recorded === undefined && record !== undefined && landed.length > 0) {
    const reapplied =
      record.reapply?.migrations.filter((m) => landed.includes(m)) ?? [];
    await writeLedger(deps.cloudflare, plan.scope, [
      ...landed.map((migration) => ({
        at: record.at,
        kind: "applied" as const,
        migration,
        bookmark: record.bookmark,
      })),
      ...reapplied.map((migration) => ({
        at: record.at,
        kind: "reapply" as const,
        migration,
        reason: record.reapply?.reason ?? "",
      })),
    ]).catch((error: unknown) =>
      deps.log.info(
        `  ⚠ could not record the bookmark per migration in the D1 ledger (${(error as Error).message}); the bookmark above still undoes this run`,
      ),
    );
  }
  return applyError === undefined
    ? report({ ok: true, allApplied: after })
    : report({ ok: false, error: applyError, allApplied: after });
}

/** The reason to skip migrating when the serving version's commit contains `commit`, else undefined. */
async function servingContains(
  cloudflare: CloudflareClient,
  scope: WranglerScope,
  commit: { readonly sha: string; readonly isAncestor: IsAncestor },
): Promise<string | undefined> {
  const state = await cloudflare.deploymentState(scope);
  if (state.kind !== "serving") return undefined;
  const order = compareWithServing(
    commit.sha,
    await cloudflare.versionTag(scope, servingVersion(state.deployment)),
    commit.isAncestor,
  );
  return order.kind === "older"
    ? `skipped, superseded: the serving version's commit ${order.servingSha.slice(0, 12)} already contains ${commit.sha.slice(0, 12)} (a re-run of an older deploy run) — no migration applied; re-run the newest commit's deploy to redeploy`
    : undefined;
}

export function describeMigrate(report: MigrateReport): string {
  const time = `${(report.durationMs / 1000).toFixed(1)}s`;
  if (!report.ok)
    return `migrate ${report.label} failed after ${time}: ${report.error ?? "unknown error"}`;
  if (report.superseded !== undefined)
    return `migrate ${report.label}: ${report.superseded} (${time})`;
  return report.applied.length === 0
    ? `migrate ${report.label}: no migrations to apply (${report.allApplied.length} applied, ${time})`
    : `migrate ${report.label}: applied ${report.applied.join(", ")} (${time})`;
}

export function migrateSummary(report: MigrateReport): string {
  const lines = [
    `### D1 migrations — ${report.label} ${report.ok ? "✅" : "❌"}`,
    "",
  ];
  if (report.error) lines.push(`**Failed:** ${report.error}`, "");
  if (report.superseded) lines.push(`**Skipped:** ${report.superseded}`, "");
  if (report.bookmark) {
    lines.push(
      `Time Travel bookmark before applying: \`${report.bookmark}\``,
      "",
      `Taken only because this run applied migrations; it is recorded in the D1 ledger per migration. Undo with the rollback workflow (environment \`${report.label}\`, before-migration \`${report.applied[0] ?? "…"}\` or this bookmark), or \`${runHint("deploy:rollback", ["--env", report.label, "--before-migration", report.applied[0] ?? "<migration>"])}\`.`,
      "",
    );
  }
  const applied = new Set(report.applied);
  lines.push(
    report.applied.length === 0
      ? "No migrations to apply."
      : `Applied in this run: ${report.applied.length}.`,
    "",
    markdownTable(
      ["migration", "state"],
      report.allApplied.map((name) => [
        name,
        applied.has(name) ? "applied now" : "already applied",
      ]),
    ),
    "",
    `Duration: ${(report.durationMs / 1000).toFixed(1)} s`,
  );
  return `${lines.join("\n")}\n`;
}
