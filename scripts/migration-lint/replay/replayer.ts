import type { DatabaseSync } from "node:sqlite";
import { openD1Database } from "./d1-database";
import { pointAtParents } from "./point-at-parents";
import { emptyCopy } from "./schema-copy";
import type { ParsedStatement } from "../parsed-statement";
import {
  judge,
  renamedBackWithValues,
  type ColumnChange,
  type CountDrop,
  type ReplayFinding,
  type UpdateEffect,
} from "./judge";
import { dqsLiterals } from "./dqs-literals";
import { duplicateTrial } from "./duplicate-trial";
import { matchWhereClauses, type UnmatchedDelete } from "./match-where";
import { nullTrial } from "./null-trial";
import { recordNullable, type NullableSince } from "./nullable-since";
import { seedTables, type Unseeded } from "./seed-rows";
import { unmatchedDeleteFindings } from "./unmatched-delete";
import { quoteName, readTables, type LiveTable } from "./sqlite-schema";
import { writeClauses } from "./write-clauses";
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

/** What SQLite said about one statement of a file it rejects even without rows. */
export interface StatementVerdict {
  readonly index: number;
  /** SQLite's error, or undefined when it ran. */
  readonly error?: string;
}

export interface FileReplay {
  readonly findings: readonly ReplayFinding[];
  /** Per statement: SQLite's error, when it rejects the file even without rows. */
  readonly verdicts: readonly StatementVerdict[];
  /** Tables with no rows, or columns left NULL, though the gate tried to seed them (each named once). */
  readonly unseeded: readonly Unseeded[];
  /** Lower-cased `table.column` of every column still NULL in existing rows when the file started. */
  readonly unfilled: ReadonlySet<string>;
  /** Lower-cased names of tables that existed but held no rows when the file started. */
  readonly emptyAtStart: ReadonlySet<string>;
  /** False when SQLite rejects the file even without rows, so nothing was judged. */
  readonly judged: boolean;
  /** Lower-cased table names before the file, and each table's lower-cased columns after it. */
  readonly tablesBefore: ReadonlySet<string>;
  readonly columnsAfter: ReadonlyMap<string, ReadonlySet<string>>;
  /** Lower-cased `table.column` renamed onto a name it had before the file, every value kept. */
  readonly renamedBack: ReadonlySet<string>;
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

export function isSyntaxError(message: string): boolean {
  return /syntax error|incomplete input|unrecognized token|near ".*":/.test(
    message,
  );
}

/** Runs the statements in one transaction, as D1 applies a migration file; returns the failure, if any. */
function applyFile(
  db: DatabaseSync,
  statements: readonly StatementSource[],
): Failure | undefined {
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

type Failure = { readonly index: number; readonly error: string };
type Outcome =
  | {
      readonly findings: ReplayFinding[];
      readonly renamedBack?: ReadonlySet<string>;
    }
  | { readonly failure: Failure };

/**
 * Replays migrations in order on a scratch SQLite database whose tables are seeded with generated
 * rows (or loaded from an export) before each file. Each file runs in one transaction with foreign
 * keys ON, as D1 applies it, and is judged by comparing the database before and after. A file that
 * fails is tried again on the same schema without rows — what a fresh local D1 sees — to tell
 * "fails only on data" from "SQLite rejects it" (SQLite is the parser of record).
 */
export class Replayer {
  private readonly seeded = openD1Database();
  private readonly reportedUnseeded = new Set<string>();
  /** Since which file each column takes NULL from an INSERT that leaves it out (the NULL trial says so). */
  private readonly nullableSince: NullableSince = new Map();
  /** False once an export is loaded: its rows are the real ones, empty tables stay empty. */
  private generateRows = true;

  /** Loads a `wrangler d1 export` (schema and rows) to replay the migrations on. */
  loadExport(sql: string): void {
    this.seeded.exec("BEGIN");
    try {
      this.seeded.exec(sql);
      this.seeded.exec("COMMIT");
      this.generateRows = false;
    } catch (error) {
      this.seeded.exec("ROLLBACK");
      throw error;
    }
  }

  /** Migration names wrangler recorded as applied in the loaded export (its d1_migrations table). */
  appliedMigrations(): Set<string> {
    try {
      const rows = this.seeded
        .prepare("SELECT name FROM d1_migrations")
        .all() as { name: string }[];
      return new Set(rows.map((row) => String(row.name)));
    } catch {
      return new Set();
    }
  }

  close(): void {
    this.seeded.close();
  }

  /** Replays one file after those before it; `file` names it in later findings. */
  replayFile(
    statements: readonly StatementSource[],
    file = "an earlier migration",
  ): FileReplay {
    const before = readTables(this.seeded);
    const replay = this.replayStatements(statements);
    recordNullable(this.nullableSince, before, readTables(this.seeded), file);
    return replay;
  }

  private replayStatements(statements: readonly StatementSource[]): FileReplay {
    const db = this.seeded;
    const seeded = this.generateRows ? seedTables(db, readTables(db)) : [];
    const unmatched = this.generateRows
      ? matchWhereClauses(db, statements)
      : [];
    const unseeded = seeded.filter((u) => {
      const key = `${u.table}.${u.column ?? ""}`.toLowerCase();
      const fresh = !this.reportedUnseeded.has(key);
      this.reportedUnseeded.add(key);
      return fresh;
    });
    const unfilled = new Set(
      seeded
        .filter((u) => u.column !== undefined)
        .map((u) => `${u.table}.${u.column ?? ""}`.toLowerCase()),
    );
    const counts = rowCounts(db);
    const emptyAtStart = new Set(
      [...counts].filter(([, n]) => n === 0).map(([name]) => name),
    );
    const tablesBefore = new Set(counts.keys());
    if (statements.some(isTransactionControl)) {
      // D1 refuses the whole file, so nothing runs in production; later files meet the schema
      // the rest of it was meant to build.
      clearAllRows(db);
      const rejection = transactionRejection(statements);
      const rest = applyBestEffort(
        db,
        statements.filter((s) => !isTransactionControl(s)),
      );
      return {
        findings: [],
        verdicts: statements.map(
          (s) =>
            rest.find((v) => v.index === s.index) ?? {
              index: s.index,
              error: rejection,
            },
        ),
        unseeded,
        unfilled,
        emptyAtStart,
        judged: false,
        tablesBefore,
        columnsAfter: new Map(),
        renamedBack: new Set(),
      };
    }
    // Values production can hold that generated rows do not: a repeated value, a NULL.
    const trials = this.generateRows
      ? [
          duplicateTrial(db, statements),
          nullTrial(db, statements, this.nullableSince),
        ].filter((f): f is ReplayFinding => f !== undefined)
      : [];
    let outcome = statements.every(cannotLoseData)
      ? this.applyAdditive(statements)
      : this.judgeOnSeeded(statements, unmatched);
    if (
      "failure" in outcome &&
      this.generateRows &&
      /FOREIGN KEY/i.test(outcome.failure.error) &&
      this.pointAtNewParents(statements)
    )
      outcome = this.judgeOnSeeded(statements, unmatched);
    let findings: ReplayFinding[];
    if ("failure" in outcome) {
      clearAllRows(db);
      const withoutRows = applyFile(db, statements);
      if (withoutRows !== undefined) {
        const verdicts = applyBestEffort(db, statements);
        // A failure at COMMIT (deferred foreign keys) belongs to no single statement.
        if (withoutRows.index === -1) verdicts.unshift(withoutRows);
        return {
          findings: [],
          // The transaction's first error leads; statements run alone may fail differently.
          verdicts: verdicts.map((v) =>
            v.index === withoutRows.index
              ? { index: v.index, error: withoutRows.error }
              : v,
          ),
          unseeded,
          unfilled,
          emptyAtStart,
          judged: false,
          tablesBefore,
          columnsAfter: new Map(),
          renamedBack: new Set(),
        };
      }
      findings = [failsOnData(outcome.failure, statements)];
    } else {
      findings = [...outcome.findings, ...trials];
    }
    const columnsAfter = new Map(
      [...readTables(db)].map(([name, table]) => [
        name,
        new Set(table.columns.map((c) => c.name.toLowerCase())),
      ]),
    );
    return {
      findings,
      verdicts: statements.map((s) => ({ index: s.index })),
      unseeded,
      unfilled,
      emptyAtStart,
      judged: true,
      tablesBefore,
      columnsAfter,
      renamedBack:
        "failure" in outcome ? new Set() : (outcome.renamedBack ?? new Set()),
    };
  }

  /**
   * When the file fails on a foreign key, runs it on an empty copy and, if it passes there, points
   * the columns it turns into foreign keys at parent rows: production holds ids there, the seeder
   * wrote free text. Returns whether any value moved (then the file is worth trying again).
   */
  private pointAtNewParents(statements: readonly StatementSource[]): boolean {
    const copy = emptyCopy(this.seeded);
    try {
      if (applyFile(copy, statements) !== undefined) return false;
      return pointAtParents(this.seeded, readTables(copy));
    } finally {
      copy.close();
    }
  }

  /** A file that cannot lose data still runs on the seeded rows: it may fail on them. */
  private applyAdditive(statements: readonly StatementSource[]): Outcome {
    const failure = applyFile(this.seeded, statements);
    return failure === undefined ? { findings: [] } : { failure };
  }

  private judgeOnSeeded(
    statements: readonly StatementSource[],
    unmatched: readonly UnmatchedDelete[],
  ): Outcome {
    const db = this.seeded;
    db.exec("BEGIN");
    const start = snapshot(db);
    let counts = rowCounts(db);
    const drops: CountDrop[] = [];
    const updates: UpdateEffect[] = [];
    let failure: { index: number; error: string } | undefined;
    for (const statement of statements) {
      const { parsed } = statement;
      const bounded = parsed.kind === "update" && parsed.hasWhere;
      const updatedTable =
        parsed.kind === "update" &&
        (!bounded || writeClauses(statement.text).selfContained)
          ? start.get(parsed.table.toLowerCase())
          : undefined;
      const before =
        updatedTable === undefined
          ? undefined
          : tryReadRows(db, updatedTable.table);
      try {
        db.exec(statement.text);
      } catch (error) {
        failure = { index: statement.index, error: messageOf(error) };
        break;
      }
      const after =
        before === undefined || updatedTable === undefined
          ? undefined
          : tryReadRows(db, updatedTable.table);
      if (
        updatedTable !== undefined &&
        before !== undefined &&
        after !== undefined
      ) {
        const existing = new Set(
          updatedTable.rows.map((row) => String(row[rowidKey])),
        );
        updates.push(
          updateEffect(
            statement.index,
            updatedTable.table.name,
            before,
            after,
            updatedTable.table.columns.map((c) => c.name),
            existing,
            bounded,
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
      return { failure: failure ?? { index: -1, error: "unknown error" } };
    }
    return {
      findings: [
        ...judge({ start, end, drops, updates, statements }),
        ...dqsLiterals(end, statements),
        ...unmatchedDeleteFindings(unmatched, drops),
      ],
      renamedBack: renamedBackWithValues(start, end, statements),
    };
  }
}

function failsOnData(
  failure: Failure,
  statements: readonly StatementSource[],
): ReplayFinding {
  const atCommit = failure.index === -1;
  return {
    index: atCommit ? lastDropOrFirst(statements) : failure.index,
    rule: "fails-on-data",
    message: `fails on a database with rows but passes on the empty local D1 (so CI is green and production fails): ${failure.error}${atCommit ? " (at COMMIT: deferred foreign keys)" : ""}`,
    fix: 'make the statement work on existing rows (a constant DEFAULT, a backfill before NOT NULL, de-duplicate before UNIQUE, move child rows before dropping their parent), or annotate with "-- migration-lint: allow fails-on-data: <reason>"',
  };
}

const transactionWords = new Set([
  "BEGIN",
  "COMMIT",
  "END",
  "ROLLBACK",
  "SAVEPOINT",
  "RELEASE",
]);

/** D1 runs each migration file in its own transaction and rejects statements that manage one. */
export const d1RejectsTransactions =
  "D1 rejects BEGIN/COMMIT/ROLLBACK/SAVEPOINT in a migration: it runs each file in its own transaction";

/**
 * wrangler (src/d1/trimmer.ts) strips one `BEGIN TRANSACTION;` and one `COMMIT;` from a file it
 * applies locally, as a `.dump` wraps them, and refuses a file still holding `BEGIN TRANSACTION`
 * after that — drizzle's `COMMIT TRANSACTION; PRAGMA foreign_keys=OFF; BEGIN TRANSACTION;` escape
 * fails even on the local D1. `--remote` sends the file as written and D1 refuses it there too.
 */
export const wranglerRefusesTransactions =
  'wrangler d1 migrations apply refuses the file ("Wrangler could not process the provided SQL file, as it contains several transactions") and D1 rejects BEGIN TRANSACTION in a migration: it runs each file in its own transaction';

export function isTransactionRejection(error: string | undefined): boolean {
  return (
    error === d1RejectsTransactions || error === wranglerRefusesTransactions
  );
}

function transactionRejection(statements: readonly StatementSource[]): string {
  const begins = statements.filter((s) =>
    s.text.includes("BEGIN TRANSACTION"),
  ).length;
  return begins >= 2 ? wranglerRefusesTransactions : d1RejectsTransactions;
}

function isTransactionControl(statement: StatementSource): boolean {
  const { parsed } = statement;
  return parsed.kind === "other" && transactionWords.has(parsed.keyword);
}

/**
 * Statements that neither delete rows nor change stored values: creating things, adding a column,
 * a plain INSERT. A file made only of these needs no before/after comparison.
 */
function cannotLoseData(statement: StatementSource): boolean {
  const { parsed } = statement;
  if (parsed.kind === "other" && parsed.keyword === "INSERT")
    return !/^\s*INSERT\s+OR\s+REPLACE\b/i.test(statement.text);
  return changesNoRows(parsed);
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
  bounded: boolean,
): UpdateEffect {
  const byRowid = new Map(after.map((row) => [String(row[rowidKey]), row]));
  const perColumn = new Map<string, ColumnChange>();
  let changedRows = 0;
  for (const row of before.filter((r) => existing.has(String(r[rowidKey])))) {
    const next = byRowid.get(String(row[rowidKey]));
    if (next === undefined) continue;
    const changed = columns.filter(
      (c) => row[c] !== null && c in next && !sameValue(row[c], next[c]),
    );
    for (const c of changed) {
      const seen = perColumn.get(c) ?? { nulled: 0, changed: 0 };
      if (next[c] === null) seen.nulled += 1;
      else seen.changed += 1;
      seen.example ??= [row[c], next[c]];
      perColumn.set(c, seen);
    }
    if (changed.length > 0) changedRows += 1;
  }
  return {
    index,
    table,
    changedRows,
    totalRows: existing.size,
    columns: [...perColumn.keys()],
    bounded,
    perColumn,
  };
}
