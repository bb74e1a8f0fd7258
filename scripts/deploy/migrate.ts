/**
 * The migrate stage: refuse early (secrets, lint), remember how to undo (Time Travel bookmark),
 * apply, and report exactly which migrations this run applied. The same sequence runs against the
 * local D1 in the rehearsal and drills, and against the remote D1 in CI; only `target` differs.
 */
import type { EnvVars } from "./env-vars";
import type { DeployLog } from "./deploy-log";
import { markdownTable } from "./github-io";
import { assertSecretsPresent } from "./required-secrets";
import type { CloudflareClient } from "./cloudflare";
import type { Target, WranglerScope } from "./wrangler-args";

export interface MigrationPlan {
  /** Environment name for messages ("staging", "production", "local"). */
  readonly label: string;
  readonly scope: WranglerScope;
  readonly target: Target;
  readonly requiredSecrets: readonly string[];
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

  try {
    if (remote)
      assertSecretsPresent(plan.requiredSecrets, deps.env, plan.label);
    if (deps.lint) {
      deps.log.info("• linting migrations");
      await deps.lint();
    }
    if (remote) {
      deps.log.info("• recording a D1 Time Travel bookmark before applying");
      bookmark = await deps.cloudflare.bookmark(plan.scope);
      deps.log.info(`  bookmark ${bookmark}`);
    }
    before = await deps.cloudflare.appliedMigrations(plan.scope, plan.target);
    deps.log.info(
      `• applying migrations to ${plan.label} (${remote ? "remote" : "local"} D1; ${before.length} already applied)`,
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
  const after = await deps.cloudflare
    .appliedMigrations(plan.scope, plan.target)
    .catch(() => before);
  return applyError === undefined
    ? report({ ok: true, allApplied: after })
    : report({ ok: false, error: applyError, allApplied: after });
}

export function describeMigrate(report: MigrateReport): string {
  const time = `${(report.durationMs / 1000).toFixed(1)}s`;
  if (!report.ok)
    return `migrate ${report.label} failed after ${time}: ${report.error ?? "unknown error"}`;
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
  if (report.bookmark) {
    lines.push(
      `Time Travel bookmark before applying: \`${report.bookmark}\``,
      "",
      `Undo with the rollback workflow (environment \`${report.label}\`, bookmark above), or \`npm run deploy:rollback -- --env ${report.label} --bookmark ${report.bookmark}\`.`,
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
