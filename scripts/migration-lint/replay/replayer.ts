import { DatabaseSync } from "node:sqlite";
import type { ParsedStatement } from "../parsed-statement";
import {
  judge,
  type CountDrop,
  type ReplayFinding,
  type UpdateEffect,
} from "./judge";
import { seedEmptyTables, type Unseeded } from "./seed-rows";
import { quoteName, readTables, type LiveTable } from "./sqlite-schema";
import {
  readRows,
  rowCounts,
  rowidKey,
  sameValue,
  snapshot,
  type Row,
} from "./snapshot";

export interface StatementSource {
  readonly index: number;
  readonly line: number;
  /** The statement's SQL as written, without the terminating `;`. */
  readonly text: string;
  readonly parsed: ParsedStatement;
}

/** What SQLite said about one statement when the file was applied to the empty database. */
export interface StatementVerdict {
  readonly index: number;
  /** SQLite's error, or undefined when it ran. */
  readonly error?: string;
}

export interface FileReplay {
  readonly findings: readonly ReplayFinding[];
  /** Per statement on the empty database; a statement without an entry did not run (an earlier one failed). */
  readonly verdicts: readonly StatementVerdict[];
  /** Tables that had no rows when this file ran, though the gate tried to seed them. */
  readonly unseeded: readonly Unseeded[];
  /** Lower-cased names of tables that existed but held no rows when the file started. */
  readonly emptyAtStart: ReadonlySet<string>;
  /** False when SQLite rejects the file even on the empty database, so nothing was judged. */
  readonly judged: boolean;
  /** Lower-cased table names before the file, and each table's lower-cased columns after it. */
  readonly tablesBefore: ReadonlySet<string>;
  readonly columnsAfter: ReadonlyMap<string, ReadonlySet<string>>;
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

export function isSyntaxError(message: string): boolean {
  return /syntax error|incomplete input|unrecognized token|near ".*":/.test(
    message,
  );
}

function openDatabase(): DatabaseSync {
  const db = new DatabaseSync(":memory:");
  // D1 runs with foreign keys enforced; inside a migration's transaction PRAGMA foreign_keys is a no-op.
  db.exec("PRAGMA foreign_keys = ON");
  return db;
}

/** Runs the statements in one transaction, as D1 applies a migration file; returns the failure, if any. */
function applyFile(
  db: DatabaseSync,
  statements: readonly StatementSource[],
): { index: number; error: string } | undefined {
  db.exec("BEGIN");
  for (const statement of statements) {
    try {
      db.exec(statement.text);
    } catch (error) {
      db.exec("ROLLBACK");
      return { index: statement.index, error: messageOf(error) };
    }
  }
  try {
    db.exec("COMMIT");
  } catch (error) {
    db.exec("ROLLBACK");
    return { index: -1, error: messageOf(error) };
  }
  return undefined;
}

/** Applies what SQLite accepts, one statement at a time, so later files meet the schema they expect. */
function applyBestEffort(
  db: DatabaseSync,
  statements: readonly StatementSource[],
): StatementVerdict[] {
  return statements.map((statement) => {
    try {
      db.exec(statement.text);
      return { index: statement.index };
    } catch (error) {
      return { index: statement.index, error: messageOf(error) };
    }
  });
}

function clearAllRows(db: DatabaseSync): void {
  db.exec("PRAGMA foreign_keys = OFF");
  for (const table of readTables(db).values())
    db.exec(`DELETE FROM ${quoteName(table.name)}`);
  db.exec("PRAGMA foreign_keys = ON");
}

/**
 * Replays migrations in order on two scratch SQLite databases: one kept empty (what a fresh local D1
 * sees, and the parser of record) and one whose tables are seeded with generated rows before each
 * file. Each file is applied in one transaction with foreign keys ON, as D1 does, and judged by
 * comparing the seeded database before and after it.
 */
export class Replayer {
  private readonly empty = openDatabase();
  private readonly seeded = openDatabase();
  private readonly reportedUnseeded = new Set<string>();

  /** Loads a `wrangler d1 export` into the seeded database instead of generated rows. */
  loadExport(sql: string): void {
    this.empty.exec("BEGIN");
    this.seeded.exec("BEGIN");
    try {
      this.seeded.exec(sql);
      // The empty database gets the same schema: the export's CREATE statements without its rows.
      const schema = this.seeded
        .prepare(
          "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
        )
        .all() as { sql: string }[];
      for (const { sql: create } of schema) this.empty.exec(create);
      this.seeded.exec("COMMIT");
      this.empty.exec("COMMIT");
    } catch (error) {
      this.seeded.exec("ROLLBACK");
      this.empty.exec("ROLLBACK");
      throw error;
    }
  }

  close(): void {
    this.empty.close();
    this.seeded.close();
  }

  replayFile(statements: readonly StatementSource[]): FileReplay {
    const onEmpty = applyFile(this.empty, statements);
    if (onEmpty !== undefined) {
      // SQLite rejects the file even without data: no judgement on data, only the errors.
      const verdicts = applyBestEffort(this.empty, statements);
      applyBestEffort(this.seeded, statements);
      const first = verdicts.find((v) => v.index === onEmpty.index);
      const merged =
        first === undefined
          ? [...verdicts, { index: onEmpty.index, error: onEmpty.error }]
          : verdicts;
      return {
        findings: [],
        verdicts: merged.map((v) =>
          v.index === onEmpty.index
            ? { index: v.index, error: onEmpty.error }
            : v,
        ),
        unseeded: [],
        emptyAtStart: new Set(),
        judged: false,
        tablesBefore: new Set(),
        columnsAfter: new Map(),
      };
    }
    const verdicts = statements.map((s) => ({ index: s.index }));
    const unseeded = seedEmptyTables(
      this.seeded,
      readTables(this.seeded),
    ).filter((u) => {
      const fresh = !this.reportedUnseeded.has(u.table.toLowerCase());
      this.reportedUnseeded.add(u.table.toLowerCase());
      return fresh;
    });
    const counts = rowCounts(this.seeded);
    const emptyAtStart = new Set(
      [...counts].filter(([, n]) => n === 0).map(([name]) => name),
    );
    const tablesBefore = new Set(counts.keys());
    const findings = this.judgeOnSeeded(statements);
    const columnsAfter = new Map(
      [...readTables(this.seeded)].map(([name, table]) => [
        name,
        new Set(table.columns.map((c) => c.name.toLowerCase())),
      ]),
    );
    return {
      findings,
      verdicts,
      unseeded,
      emptyAtStart,
      judged: true,
      tablesBefore,
      columnsAfter,
    };
  }

  private judgeOnSeeded(
    statements: readonly StatementSource[],
  ): ReplayFinding[] {
    const db = this.seeded;
    db.exec("BEGIN");
    const start = snapshot(db);
    let counts = rowCounts(db);
    const drops: CountDrop[] = [];
    const updates: UpdateEffect[] = [];
    let failure: { index: number; error: string } | undefined;
    for (const statement of statements) {
      const { parsed } = statement;
      const unboundedUpdate =
        parsed.kind === "update" && !parsed.hasWhere
          ? start.get(parsed.table.toLowerCase())
          : undefined;
      const before =
        unboundedUpdate === undefined
          ? undefined
          : tryReadRows(db, unboundedUpdate.table);
      try {
        db.exec(statement.text);
      } catch (error) {
        failure = { index: statement.index, error: messageOf(error) };
        break;
      }
      const after =
        before === undefined || unboundedUpdate === undefined
          ? undefined
          : tryReadRows(db, unboundedUpdate.table);
      if (
        unboundedUpdate !== undefined &&
        before !== undefined &&
        after !== undefined
      ) {
        const existing = new Set(
          unboundedUpdate.rows.map((row) => String(row[rowidKey])),
        );
        updates.push(
          updateEffect(
            statement.index,
            unboundedUpdate.table.name,
            before,
            after,
            unboundedUpdate.table.columns.map((c) => c.name),
            existing,
          ),
        );
      }
      if (!changesNoRows(parsed)) {
        const next = rowCounts(db);
        for (const [table, n] of counts) {
          const after = next.get(table);
          if (after === undefined || after < n)
            drops.push({
              index: statement.index,
              table,
              before: n,
              after: after ?? 0,
              gone: after === undefined,
            });
        }
        counts = next;
      }
    }
    const end = failure === undefined ? snapshot(db) : undefined;
    if (failure === undefined) {
      try {
        db.exec("COMMIT");
      } catch (error) {
        failure = { index: -1, error: messageOf(error) };
      }
    }
    if (failure !== undefined || end === undefined) {
      if (db.isTransaction) db.exec("ROLLBACK");
      // Passes on the empty database (checked first) but not on one with rows.
      clearAllRows(db);
      applyFile(db, statements);
      const index =
        failure?.index === -1 || failure === undefined
          ? lastDropOrFirst(statements)
          : failure.index;
      return [
        {
          index,
          rule: "fails-on-data",
          message: `fails on a database with rows but passes on the empty local D1 (so CI is green and production fails): ${failure?.error ?? "unknown error"}${failure?.index === -1 ? " (at COMMIT: deferred foreign keys)" : ""}`,
          fix: 'make the statement work on existing rows (a constant DEFAULT, a backfill before NOT NULL, de-duplicate before UNIQUE, move child rows before dropping their parent), or annotate with "-- migration-lint: allow fails-on-data: <reason>"',
        },
      ];
    }
    return judge({ start, end, drops, updates, statements });
  }
}

/** Statements that cannot lower a row count, so the gate skips counting after them. */
function changesNoRows(parsed: ParsedStatement): boolean {
  if (
    parsed.kind === "create-table" ||
    parsed.kind === "add-column" ||
    parsed.kind === "pragma"
  )
    return true;
  return (
    parsed.kind === "other" &&
    [
      "CREATE INDEX",
      "CREATE UNIQUE",
      "CREATE VIEW",
      "SELECT",
      "CREATE TRIGGER",
    ].includes(parsed.keyword)
  );
}

function lastDropOrFirst(statements: readonly StatementSource[]): number {
  const drops = statements.filter((s) => s.parsed.kind === "drop-table");
  return drops.at(-1)?.index ?? statements[0]?.index ?? 0;
}

function tryReadRows(db: DatabaseSync, table: LiveTable): Row[] | undefined {
  try {
    return readRows(db, table);
  } catch {
    return undefined;
  }
}

/** Rows that existed before the migration whose non-NULL values of pre-existing columns changed. */
function updateEffect(
  index: number,
  table: string,
  before: readonly Row[],
  after: readonly Row[],
  columns: readonly string[],
  existing: ReadonlySet<string>,
): UpdateEffect {
  const byRowid = new Map(after.map((row) => [String(row[rowidKey]), row]));
  const changedColumns = new Set<string>();
  let changedRows = 0;
  for (const row of before.filter((r) => existing.has(String(r[rowidKey])))) {
    const next = byRowid.get(String(row[rowidKey]));
    if (next === undefined) continue;
    const changed = columns.filter(
      (c) => row[c] !== null && c in next && !sameValue(row[c], next[c]),
    );
    for (const c of changed) changedColumns.add(c);
    if (changed.length > 0) changedRows += 1;
  }
  return {
    index,
    table,
    changedRows,
    totalRows: existing.size,
    columns: [...changedColumns],
  };
}
