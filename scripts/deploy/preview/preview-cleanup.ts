/**
 * Removing previews' databases: one pull request's when it is closed or merged, and the weekly
 * sweep of every preview database whose pull request is no longer open (a missed close event, a
 * failed run). Both are idempotent — a database already gone is reported, not an error — and both
 * touch only names of the preview's exact shape (preview-names.ts), never another database.
 */
import type { PreviewEnvironment } from "../../../workflows-src/builders/environment-model";
import { markdownTable } from "../github-io";
import type { D1Database, PreviewCloudflare } from "./preview-cloudflare";
import { previewDatabaseName, pullRequestOfDatabase } from "./preview-names";

export interface Removal {
  readonly pr: number;
  readonly database: string;
  readonly uuid: string | null;
  /** removed now, already absent, or failed (with the reason). */
  readonly outcome: "removed" | "absent" | "failed";
  readonly reason?: string;
}

/**
 * The list of open pull requests is taken before the databases are listed (in another job): a
 * pull request opened in between has a database but is not in the list. A day's grace keeps it.
 */
export const SWEEP_MIN_AGE_MS = 24 * 60 * 60 * 1000;

/** Preview databases older than `minAgeMs` whose pull request is not in `open` (pure). */
export function staleDatabases(
  preview: PreviewEnvironment,
  databases: readonly D1Database[],
  open: ReadonlySet<number>,
  now: Date = new Date(),
  minAgeMs: number = SWEEP_MIN_AGE_MS,
): { pr: number; database: D1Database }[] {
  return databases.flatMap((database) => {
    const pr = pullRequestOfDatabase(preview, database.name);
    if (pr === undefined || open.has(pr)) return [];
    const created = Date.parse(database.createdAt ?? "");
    // Unknown age counts as old: a database the list dates nowhere is not kept forever.
    if (!Number.isNaN(created) && now.getTime() - created < minAgeMs) return [];
    return [{ pr, database }];
  });
}

async function remove(
  cloudflare: PreviewCloudflare,
  pr: number,
  database: D1Database,
): Promise<Removal> {
  try {
    await cloudflare.deleteDatabase(database.name);
    return {
      pr,
      database: database.name,
      uuid: database.uuid,
      outcome: "removed",
    };
  } catch (error) {
    return {
      pr,
      database: database.name,
      uuid: database.uuid,
      outcome: "failed",
      reason: (error as Error).message,
    };
  }
}

/** The pull request `pr` was closed or merged: delete its database if it still exists. */
export async function removePreview(
  preview: PreviewEnvironment,
  pr: number,
  cloudflare: PreviewCloudflare,
): Promise<Removal> {
  const name = previewDatabaseName(preview, pr);
  const found = (await cloudflare.listDatabases()).find(
    (db) => db.name === name,
  );
  if (found === undefined)
    return { pr, database: name, uuid: null, outcome: "absent" };
  return remove(cloudflare, pr, found);
}

/** Every preview database whose pull request is not open any more. */
export async function sweepPreviews(
  preview: PreviewEnvironment,
  open: ReadonlySet<number>,
  cloudflare: PreviewCloudflare,
  options: { now?: Date; minAgeMs?: number } = {},
): Promise<Removal[]> {
  const stale = staleDatabases(
    preview,
    await cloudflare.listDatabases(),
    open,
    options.now,
    options.minAgeMs,
  );
  const removals: Removal[] = [];
  // One at a time: a handful per week, and wrangler's output stays readable in the log.
  for (const { pr, database } of stale)
    removals.push(await remove(cloudflare, pr, database));
  return removals;
}

export function cleanupSummary(
  title: string,
  removals: readonly Removal[],
): string {
  const lines = [`### ${title}`, ""];
  if (removals.length === 0) lines.push("Nothing to remove.");
  else
    lines.push(
      markdownTable(
        ["pull request", "database", "id", "outcome"],
        removals.map((r) => [
          `#${r.pr}`,
          r.database,
          r.uuid ?? "—",
          r.outcome === "failed" ? `failed: ${r.reason ?? ""}` : r.outcome,
        ]),
      ),
    );
  return `${lines.join("\n")}\n`;
}
