import type { DatabaseSync } from "node:sqlite";
import type { ReplayFinding } from "./judge";
import { newUniqueIndexes, rebuiltUniqueSets } from "./new-unique-indexes";
import { quoteName, readTables } from "./sqlite-schema";
import { runTrial, type TrialStatement } from "./trial";

/**
 * Generated values are distinct per row, so a new unique set over existing columns passes on them;
 * production can repeat any value no constraint forbids (two groups named alike, a secret linked
 * twice to a session). Before the file runs, each unique set it adds is tried in a transaction
 * rolled back afterwards, where the second row repeats the first one's values in the set's columns
 * — only when the schema before the file accepts that duplicate, so nothing is reported that
 * production could not hold. A file that de-duplicates first passes the trial.
 */
export function duplicateTrial(
  db: DatabaseSync,
  statements: readonly TrialStatement[],
): ReplayFinding | undefined {
  const tables = readTables(db);
  for (const target of [
    ...newUniqueIndexes(statements),
    ...rebuiltUniqueSets(statements),
  ]) {
    const table = tables.get(target.table.toLowerCase());
    if (table === undefined || table.withoutRowid) continue;
    const columns = target.columns.map(
      (c) =>
        table.columns.find((col) => col.name.toLowerCase() === c.toLowerCase())
          ?.name,
    );
    if (columns.some((c) => c === undefined)) continue;
    const names = (columns as string[]).map(quoteName).join(", ");
    const name = quoteName(table.name);
    const rows = db
      .prepare(`SELECT rowid AS r FROM ${name} ORDER BY rowid LIMIT 2`)
      .all() as { r: number }[];
    const [first, second] = rows;
    if (first === undefined || second === undefined) continue;
    const failure = runTrial(
      db,
      statements,
      () =>
        db
          .prepare(
            `UPDATE ${name} SET (${names}) = (SELECT ${names} FROM ${name} WHERE rowid = ?) WHERE rowid = ?`,
          )
          .run(first.r, second.r),
      /UNIQUE constraint failed/i,
    );
    if (failure === undefined) continue;
    const shared = (columns as string[])
      .map((c) => `${table.name}.${c}`)
      .join(", ");
    return {
      index: failure.index,
      rule: "fails-on-data",
      message: `fails if two rows share ${shared}: nothing before this file keeps ${columns.length > 1 ? "them" : "it"} unique, so production can hold duplicates, and the new UNIQUE then fails: ${failure.error}`,
      fix: `de-duplicate ${table.name} in the same migration before creating the index (keep one row per value, or merge them), or annotate with "-- migration-lint: allow fails-on-data: <reason why no duplicates exist>"`,
    };
  }
  return undefined;
}
