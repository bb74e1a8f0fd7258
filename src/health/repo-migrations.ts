// The journal is drizzle-kit's own index of the SQL files it generated; the
// bundler inlines it, so the worker knows the repo's migrations without fs.
// repo-migrations.test.ts fails if it ever disagrees with the *.sql files.
import journal from "../../drizzle/migrations/meta/_journal.json";

type Journal = { entries: ReadonlyArray<{ idx: number; tag: string }> };

/** Names as wrangler records them in d1_migrations ("<tag>.sql"), oldest first. */
export function migrationNamesFromJournal(j: Journal): string[] {
  return [...j.entries]
    .sort((a, b) => a.idx - b.idx)
    .map((entry) => `${entry.tag}.sql`);
}

export const repoMigrations: readonly string[] =
  migrationNamesFromJournal(journal);
