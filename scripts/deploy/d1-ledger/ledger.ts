/**
 * The D1 ledger: what the pipeline did to a database, kept in the database itself
 * (`pipeline_d1_ledger`) but written so that no restore made by the pipeline erases it.
 *
 * - `applied`: a migration and the Time Travel bookmark taken right before the run that applied it
 *   (so "restore to before migration M" has one answer, and only runs that applied something
 *   record a bookmark);
 * - `restore`: a restore, with the migrations it undid (applied before it, pending after);
 * - `reapply`: a person re-accepted an undone migration (`deploy:migrate --reapply M --reason …`).
 *
 * Why in D1 and not on GitHub: a restore cannot erase a row written after it, and the rollback
 * re-writes every earlier row a restore took away (carryForward), so the record survives any number
 * of restores made through the pipeline; it needs no GitHub write permission in any job and works
 * on the break-glass laptop path while GitHub is down; and it travels with the data it describes.
 * A restore made by hand (`wrangler d1 time-travel restore`) bypasses it — the runbook says so.
 */

export const LEDGER_TABLE = "pipeline_d1_ledger";

export type LedgerEntry =
  | {
      readonly id: number;
      readonly at: string;
      readonly kind: "applied";
      readonly migration: string;
      readonly bookmark: string;
    }
  | {
      readonly id: number;
      readonly at: string;
      readonly kind: "restore";
      readonly bookmark: string;
      readonly undone: readonly string[];
      readonly reason: string;
    }
  | {
      readonly id: number;
      readonly at: string;
      readonly kind: "reapply";
      readonly migration: string;
      readonly reason: string;
    };

/** An entry before it is written (the database gives it its id). */
export type NewLedgerEntry = LedgerEntry extends infer E
  ? E extends LedgerEntry
    ? Omit<E, "id">
    : never
  : never;

export const READ_LEDGER_SQL = `SELECT id, at, kind, migration, bookmark, detail FROM ${LEDGER_TABLE} ORDER BY id`;

const CREATE = `CREATE TABLE IF NOT EXISTS ${LEDGER_TABLE} (id INTEGER PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL, migration TEXT, bookmark TEXT, detail TEXT)`;

const quote = (text: string | undefined) =>
  text === undefined ? "NULL" : `'${text.replace(/'/g, "''")}'`;

function row(entry: NewLedgerEntry, id?: number): string {
  const migration = "migration" in entry ? entry.migration : undefined;
  const bookmark = "bookmark" in entry ? entry.bookmark : undefined;
  const detail =
    entry.kind === "restore"
      ? JSON.stringify({ undone: entry.undone, reason: entry.reason })
      : entry.kind === "reapply"
        ? JSON.stringify({ reason: entry.reason })
        : undefined;
  return `(${id === undefined ? "NULL" : String(id)}, ${quote(entry.at)}, ${quote(entry.kind)}, ${quote(migration)}, ${quote(bookmark)}, ${quote(detail)})`;
}

const INSERT = `INSERT OR IGNORE INTO ${LEDGER_TABLE} (id, at, kind, migration, bookmark, detail)`;

/**
 * The statements that record a migrate run that applied migrations and read d1_migrations back,
 * for one D1 batch right after `d1 migrations apply`. D1 itself picks what landed (names in
 * d1_migrations that were not in `before`), so the ledger rows and the run's report come from the
 * same read. Rows: one `applied` per landed migration in apply order, then one `reapply` per
 * re-accepted migration that landed, in the order given. The last statement answers the names.
 */
export function recordAppliedStatements(
  before: readonly string[],
  run: {
    readonly at: string;
    readonly bookmark: string;
    readonly reapply?: {
      readonly migrations: readonly string[];
      readonly reason: string;
    };
  },
  appliedSql: string,
): string[] {
  const landed =
    before.length === 0
      ? ""
      : ` AND name NOT IN (${before.map((m) => quote(m)).join(", ")})`;
  const reason = quote(JSON.stringify({ reason: run.reapply?.reason ?? "" }));
  return [
    CREATE,
    `${INSERT} SELECT NULL, ${quote(run.at)}, 'applied', name, ${quote(run.bookmark)}, NULL FROM d1_migrations WHERE 1${landed} ORDER BY id`,
    ...(run.reapply?.migrations ?? []).map(
      (m) =>
        `${INSERT} SELECT NULL, ${quote(run.at)}, 'reapply', name, NULL, ${reason} FROM d1_migrations WHERE name = ${quote(m)}${landed}`,
    ),
    appliedSql,
  ];
}

/** The table if missing, then the rows (kept ids for carried rows: a row still there is skipped). */
export function writeLedgerStatements(
  entries: readonly (NewLedgerEntry | LedgerEntry)[],
): string[] {
  const values = entries.map((e) => row(e, "id" in e ? e.id : undefined));
  return values.length === 0
    ? [CREATE]
    : [CREATE, `${INSERT} VALUES ${values.join(", ")}`];
}

/** writeLedgerStatements as one statement batch. */
export function writeLedgerSql(
  entries: readonly (NewLedgerEntry | LedgerEntry)[],
): string {
  return writeLedgerStatements(entries).join("; ");
}

/**
 * The statements that record a restore right after it, for one D1 batch: the ledger rows the
 * restore took away written back (every row read before it, by id: rows the restore kept are
 * skipped, which is carryForward done by D1), the restore with the migrations it undid (applied
 * before it, missing from d1_migrations now), and d1_migrations read back as the last statement.
 */
export function recordRestoreStatements(
  ledgerBefore: readonly LedgerEntry[],
  appliedBefore: readonly string[],
  restore: {
    readonly at: string;
    readonly bookmark: string;
    readonly reason: string;
  },
  appliedSql: string,
): string[] {
  const undone = `(SELECT json_group_array(value) FROM json_each(${quote(JSON.stringify(appliedBefore))}) WHERE value NOT IN (SELECT name FROM d1_migrations))`;
  return [
    ...writeLedgerStatements(ledgerBefore),
    `${INSERT} SELECT NULL, ${quote(restore.at)}, 'restore', NULL, ${quote(restore.bookmark)}, json_object('undone', json(${undone}), 'reason', ${quote(restore.reason)})`,
    appliedSql,
  ];
}

export function readLedgerRows(
  rows: readonly Record<string, unknown>[],
): LedgerEntry[] {
  return rows.flatMap((r): LedgerEntry[] => {
    const id = Number(r["id"]);
    const at = String(r["at"]);
    const detail = (() => {
      try {
        return JSON.parse(String(r["detail"] ?? "{}")) as {
          undone?: string[];
          reason?: string;
        };
      } catch {
        return {};
      }
    })();
    switch (r["kind"]) {
      case "applied":
        return [
          {
            id,
            at,
            kind: "applied",
            migration: String(r["migration"]),
            bookmark: String(r["bookmark"]),
          },
        ];
      case "restore":
        return [
          {
            id,
            at,
            kind: "restore",
            bookmark: String(r["bookmark"]),
            undone: detail.undone ?? [],
            reason: detail.reason ?? "",
          },
        ];
      case "reapply":
        return [
          {
            id,
            at,
            kind: "reapply",
            migration: String(r["migration"]),
            reason: detail.reason ?? "",
          },
        ];
      default:
        return [];
    }
  });
}

export interface Blocked {
  readonly migration: string;
  readonly restore: Extract<LedgerEntry, { kind: "restore" }>;
}

/**
 * Pending migrations a restore undid and nobody re-accepted since: applying them again would redo
 * the damage the restore was made to undo. Pure.
 */
export function undoneMigrations(
  ledger: readonly LedgerEntry[],
  pending: readonly string[],
): Blocked[] {
  const blocked: Blocked[] = [];
  for (const migration of pending) {
    const last = [...ledger]
      .reverse()
      .find(
        (e) =>
          (e.kind === "restore" && e.undone.includes(migration)) ||
          (e.kind === "reapply" && e.migration === migration),
      );
    if (last?.kind === "restore") blocked.push({ migration, restore: last });
  }
  return blocked;
}

/** The bookmark taken right before the run that applied `migration` (newest such run). */
export function bookmarkBefore(
  ledger: readonly LedgerEntry[],
  migration: string,
): string | undefined {
  const found = [...ledger]
    .reverse()
    .find((e) => e.kind === "applied" && e.migration === migration);
  return found?.kind === "applied" ? found.bookmark : undefined;
}

/** Rows the restore took away, to write back after it (ids kept, so the order stays). */
export function carryForward(
  before: readonly LedgerEntry[],
  after: readonly LedgerEntry[],
): LedgerEntry[] {
  const kept = new Set(after.map((e) => e.id));
  return before.filter((e) => !kept.has(e.id));
}

/** Each applied migration with the bookmark that undoes it, newest first: for summaries and the runbook. */
export function describeLedger(ledger: readonly LedgerEntry[]): string[] {
  return [...ledger]
    .reverse()
    .map((e) =>
      e.kind === "applied"
        ? `${e.at} applied ${e.migration} — restore bookmark ${e.bookmark} to undo it (rollback: before-migration ${e.migration})`
        : e.kind === "restore"
          ? `${e.at} restored to ${e.bookmark}, undoing ${e.undone.join(", ") || "no migration"} (${e.reason})`
          : `${e.at} re-accepted ${e.migration} (${e.reason})`,
    );
}
