/**
 * Which migrations the serving build has never run against: files of the current checkout that
 * its commit did not have, or had with other contents (an edited migration is new SQL to it).
 */

export interface MigrationFile {
  /** Path relative to the repository root, as both commits name it. */
  readonly file: string;
  readonly sql: string;
}

export function migrationsNewSince(
  old: readonly MigrationFile[],
  current: readonly MigrationFile[],
): MigrationFile[] {
  const before = new Map(old.map((m) => [m.file, m.sql]));
  return current.filter((m) => before.get(m.file) !== m.sql);
}

/** Files the old commit had that the current checkout lost: wrangler never un-applies them. */
export function migrationsRemovedSince(
  old: readonly MigrationFile[],
  current: readonly MigrationFile[],
): string[] {
  const now = new Set(current.map((m) => m.file));
  return old.filter((m) => !now.has(m.file)).map((m) => m.file);
}
