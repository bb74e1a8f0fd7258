import type { DatabaseSync } from "node:sqlite";
import type { ReplayFinding } from "./judge";
import { emptyCopy } from "./schema-copy";
import { runTrial, type TrialStatement } from "./trial";
import { takesOmittedNull, type NullableOrigin } from "./nullable-since";
import { quoteName, readTables, type LiveTable } from "./sqlite-schema";

/** Shapes that can replace a column's definition: SQLite has no ALTER COLUMN, so a rebuild or a swap. */
const replacing = new Set([
  "drop-table",
  "rename-table",
  "drop-column",
  "rename-column",
]);

/** The tables as the file leaves them, run on an empty copy; undefined when it fails there. */
function tablesAfter(
  db: DatabaseSync,
  statements: readonly TrialStatement[],
): ReadonlyMap<string, LiveTable> | undefined {
  const copy = emptyCopy(db);
  try {
    copy.exec("BEGIN");
    for (const statement of statements) copy.exec(statement.text);
    copy.exec("COMMIT");
    return readTables(copy);
  } catch {
    return undefined;
  } finally {
    copy.close();
  }
}

/** Columns that accept NULL before the file and are NOT NULL under the same name after it. */
function madeNotNull(
  before: ReadonlyMap<string, LiveTable>,
  after: ReadonlyMap<string, LiveTable>,
): { table: LiveTable; column: string }[] {
  const found: { table: LiveTable; column: string }[] = [];
  for (const [key, table] of before) {
    const next = after.get(key);
    if (next === undefined || table.withoutRowid) continue;
    for (const column of table.columns) {
      if (!takesOmittedNull(column)) continue;
      const now = next.columns.find(
        (c) => c.name.toLowerCase() === column.name.toLowerCase(),
      );
      if (now?.notNull === true) found.push({ table, column: column.name });
    }
  }
  return found;
}

/** Which rows can hold the NULL: those written since the column began to take one. */
function history(
  table: string,
  column: string,
  since: ReadonlyMap<string, NullableOrigin>,
): string {
  const origin = since.get(`${table}.${column}`.toLowerCase());
  if (origin === undefined)
    return `it accepts NULL and has no DEFAULT before this file, so production holds NULL in every row an INSERT wrote without ${column}`;
  return `it has accepted NULL with no DEFAULT since ${origin.file} (${origin.added ? "added there without NOT NULL or DEFAULT" : "its NOT NULL or DEFAULT removed there"}), so every row written since then without ${column} holds NULL`;
}

/**
 * The seeder fills every column, so a rebuild (or an add-copy-drop-rename swap) that makes a
 * nullable column NOT NULL copies only values; production holds NULL wherever an INSERT left out a
 * column that accepted NULL and has no DEFAULT, and the plain copy then fails there — while the empty local D1 in CI passes. Before
 * the file runs, each such column gets NULL in one existing row, in a transaction rolled back
 * afterwards — only when the schema before the file accepts that NULL (a CHECK or trigger may
 * refuse it), so nothing is reported that production could not hold. A file that fills the NULLs
 * first, or COALESCEs them in the copy, passes the trial.
 */
export function nullTrial(
  db: DatabaseSync,
  statements: readonly TrialStatement[],
  since: ReadonlyMap<string, NullableOrigin>,
): ReplayFinding | undefined {
  if (!statements.some((s) => replacing.has(s.parsed.kind))) return undefined;
  if (!statements.some((s) => /\bNOT\s+NULL\b/i.test(s.text))) return undefined;
  const after = tablesAfter(db, statements);
  if (after === undefined) return undefined;
  for (const { table, column } of madeNotNull(readTables(db), after)) {
    const name = quoteName(table.name);
    const row = db
      .prepare(`SELECT rowid AS r FROM ${name} ORDER BY rowid LIMIT 1`)
      .get() as { r: number } | undefined;
    if (row === undefined) continue;
    const failure = runTrial(
      db,
      statements,
      () =>
        db
          .prepare(
            `UPDATE ${name} SET ${quoteName(column)} = NULL WHERE rowid = ?`,
          )
          .run(row.r),
      /NOT NULL constraint failed/i,
    );
    if (failure !== undefined)
      return {
        index: failure.index,
        rule: "fails-on-data",
        message: `fails if a row has NULL in ${table.name}.${column}: ${history(table.name, column, since)}, and the copy into NOT NULL then fails: ${failure.error}`,
        fix: `fill the NULLs first in the same migration (UPDATE ${table.name} SET ${column} = <value> WHERE ${column} IS NULL, or COALESCE(${column}, <value>) in the copy), or annotate with "-- migration-lint: allow fails-on-data: <reason why no row holds NULL>"`,
      };
  }
  return undefined;
}
