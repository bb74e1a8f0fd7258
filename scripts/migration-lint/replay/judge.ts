import type { ParsedStatement } from "../parsed-statement";
import type { RuleId } from "../rule-ids";
import { keyColumns, type LiveTable, type UniqueSet } from "./sqlite-schema";
import {
  printable,
  rowidKey,
  sameValue,
  type Row,
  type TableSnapshot,
} from "./snapshot";

export interface ReplayStatement {
  readonly index: number;
  readonly line: number;
  readonly parsed: ParsedStatement;
}

/** A table's row count went down while one statement ran. */
export interface CountDrop {
  readonly index: number;
  /** Lower-cased name of the table at that moment. */
  readonly table: string;
  readonly before: number;
  readonly after: number;
  /** True when the table no longer exists after the statement. */
  readonly gone: boolean;
}

/** One column's existing values an UPDATE overwrote: how many became NULL, how many changed, one example. */
export interface ColumnChange {
  nulled: number;
  changed: number;
  example?: readonly [unknown, unknown];
}

/**
 * What an UPDATE did to values that existed before the migration: one without WHERE, or one with
 * WHERE whose new values come from constants and the row itself (`bounded`).
 */
export interface UpdateEffect {
  readonly index: number;
  readonly table: string;
  readonly changedRows: number;
  readonly totalRows: number;
  readonly columns: readonly string[];
  readonly bounded: boolean;
  readonly perColumn: ReadonlyMap<string, ColumnChange>;
}

export interface ReplayFinding {
  /** The statement the finding belongs to (its line, its allow comments). */
  readonly index: number;
  readonly rule: RuleId;
  readonly message: string;
  readonly fix: string;
}

export interface JudgeInput {
  readonly start: ReadonlyMap<string, TableSnapshot>;
  readonly end: ReadonlyMap<string, TableSnapshot>;
  readonly drops: readonly CountDrop[];
  readonly updates: readonly UpdateEffect[];
  readonly statements: readonly ReplayStatement[];
}

const lower = (name: string): string => name.toLowerCase();

function tableOf(statement: ParsedStatement): string | undefined {
  return "table" in statement ? lower(statement.table) : undefined;
}

/** The names a table goes by during the file: its own, then every name it is renamed to. */
function lineage(
  name: string,
  statements: readonly ReplayStatement[],
): string[] {
  const names = [name];
  for (const { parsed } of statements) {
    if (parsed.kind === "rename-table" && lower(parsed.table) === names.at(-1))
      names.push(lower(parsed.newName));
  }
  return names;
}

function keyOf(row: Row, columns: readonly string[]): string {
  return JSON.stringify(
    columns.map((c) => (row[c] === null ? null : printable(row[c]))),
  );
}

function findColumn(table: LiveTable, name: string): string | undefined {
  return table.columns.find((c) => lower(c.name) === lower(name))?.name;
}

/** Start rows paired with the end row that holds them (by primary key, else rowid), or undefined. */
function matchRows(start: TableSnapshot, end: TableSnapshot) {
  const key = keyColumns(start.table);
  const endKey = key.map((c) => findColumn(end.table, c));
  let startKeyOf: (row: Row) => string;
  let endKeyOf: (row: Row) => string;
  if (key.length > 0 && endKey.every((c) => c !== undefined)) {
    startKeyOf = (row) => keyOf(row, key);
    endKeyOf = (row) => keyOf(row, endKey as string[]);
  } else if (!start.table.withoutRowid && !end.table.withoutRowid) {
    startKeyOf = (row) => String(row[rowidKey]);
    endKeyOf = (row) => String(row[rowidKey]);
  } else {
    // Nothing identifies a row across the change: compare counts only.
    return start.rows.map((row, i) => [row, end.rows[i]] as const);
  }
  const byKey = new Map(end.rows.map((row) => [endKeyOf(row), row]));
  return start.rows.map((row) => [row, byKey.get(startKeyOf(row))] as const);
}

const describeDrop = (statement: ParsedStatement | undefined): string => {
  if (statement === undefined) return "during the migration";
  switch (statement.kind) {
    case "drop-table":
      return `when ${statement.table} is dropped`;
    case "delete":
      return `when rows of ${statement.table} are deleted`;
    default:
      return `by the statement on ${tableOf(statement) ?? "another table"}`;
  }
};

/** A value as a reader would quote it in a message. */
const shown = (value: unknown): string =>
  typeof value === "string" ? `'${value}'` : printable(value);

/**
 * Compares the database before and after one migration, as replayed on seeded rows, and says what
 * the running (old) code sees change under the names it uses: tables and columns gone, rows lost,
 * values nulled, reset or rewritten, unique guarantees lost. Where the data went does not matter —
 * a column renamed aside leaves the old name NULL even though its values still exist elsewhere.
 */
export function judge(input: JudgeInput): ReplayFinding[] {
  const findings: ReplayFinding[] = [];
  const { statements } = input;
  const statementAt = (index: number) =>
    statements.find((s) => s.index === index);
  const firstNaming = (names: readonly string[]): number =>
    statements.find((s) => {
      const table = tableOf(s.parsed);
      return table !== undefined && names.includes(table);
    })?.index ??
    statements[0]?.index ??
    0;
  const firstDrop = (names: readonly string[]): CountDrop | undefined =>
    input.drops.find((d) => names.includes(d.table));
  const lastDrop = (names: readonly string[]): CountDrop | undefined =>
    input.drops.findLast((d) => names.includes(d.table));

  for (const [name, start] of input.start) {
    if (start.rows.length === 0) continue;
    const total = start.rows.length;
    const names = lineage(name, statements);
    const drop = firstDrop(names);
    const end = input.end.get(name);
    if (end === undefined) {
      // Renamed, not dropped: the rename-table rule reports that the old name is gone.
      if (names.length > 1 && input.end.has(names.at(-1) ?? name)) continue;
      findings.push({
        index: drop?.index ?? firstNaming(names),
        rule: "drop-table",
        message: `${start.table.name}: ${total} of ${total} rows deleted — the table is dropped; the Worker still running during rollout may query it`,
        fix: `release code that no longer uses ${start.table.name} first, drop it in a later migration, and annotate it with "-- migration-lint: allow drop-table: <reason>"`,
      });
      continue;
    }
    // Columns renamed away from an old name the file does not bring back: rename-column reports them.
    const renamedAway = new Set(
      statements.flatMap(({ parsed }) =>
        parsed.kind === "rename-column" && lower(parsed.table) === name
          ? [lower(parsed.column)]
          : [],
      ),
    );
    const pairs = matchRows(start, end);
    // Rows matched by primary key whose key an UPDATE … WHERE of the file rewrote only look lost:
    // the update reports the rewrite (values-changed on the key) where it happens.
    const rekeyed = input.updates
      .filter((u) => u.bounded && names.includes(lower(u.table)))
      .reduce(
        (n, u) =>
          n +
          Math.max(
            0,
            ...keyColumns(start.table).map(
              (k) => u.perColumn.get(k)?.changed ?? 0,
            ),
          ),
        0,
      );
    const lost = Math.max(
      0,
      pairs.filter(([, row]) => row === undefined).length - rekeyed,
    );
    // Rows are lost where the count last fell: a rebuild's copy can be complete and a later DROP of
    // its parent cascade into the new table.
    const lossDrop = lastDrop(names) ?? drop;
    const loss =
      lost > 0
        ? rowLoss(
            start,
            end,
            lost,
            total,
            lossDrop,
            statementAt,
            firstNaming(names),
            names,
          )
        : undefined;
    if (loss !== undefined) findings.push(loss);
    // The whole table was dropped and re-created empty: one finding says it.
    if (loss?.rule === "drop-table") continue;

    const updatedHere = statements.some(
      (s) =>
        s.parsed.kind === "update" && names.includes(lower(s.parsed.table)),
    );
    const columnStatement = (column: string): number | undefined =>
      statements.find(
        ({ parsed }) =>
          (parsed.kind === "drop-column" || parsed.kind === "rename-column") &&
          lower(parsed.table) === name &&
          lower(parsed.column) === lower(column),
      )?.index;
    for (const column of start.table.columns) {
      if (column.generated) continue;
      const endColumn = findColumn(end.table, column.name);
      const filled = start.rows.filter(
        (row) => row[column.name] !== null,
      ).length;
      if (endColumn === undefined) {
        if (filled === 0 || renamedAway.has(lower(column.name))) continue;
        const at = columnStatement(column.name);
        findings.push({
          index: at ?? drop?.index ?? firstNaming(names),
          rule: "drop-column",
          message: `${start.table.name}.${column.name}: ${filled} of ${total} values gone — ${at === undefined ? "the rebuilt table has no such column" : "the column is dropped"}; the Worker still running during rollout may use it`,
          fix: `release code that no longer reads or writes ${start.table.name}.${column.name} first, drop it in a later migration, and annotate it with "-- migration-lint: allow drop-column: <reason>"`,
        });
        continue;
      }
      if (updatedHere) continue;
      let nulled = 0;
      let changed = 0;
      let example: string | undefined;
      for (const [before, after] of pairs) {
        if (after === undefined || before[column.name] === null) continue;
        if (after[endColumn] === null) nulled += 1;
        else if (!sameValue(before[column.name], after[endColumn])) {
          changed += 1;
          example ??= `${shown(before[column.name])} → ${shown(after[endColumn])}`;
        }
      }
      if (nulled + changed === 0) continue;
      const index =
        columnStatement(column.name) ?? drop?.index ?? firstNaming(names);
      const fk = start.table.foreignKeys.find(
        (f) =>
          f.from.some((c) => lower(c) === lower(column.name)) &&
          (f.onDelete === "SET NULL" || f.onDelete === "SET DEFAULT"),
      );
      const parentDrop =
        fk === undefined
          ? undefined
          : firstDrop(lineage(lower(fk.parent), statements));
      if (fk !== undefined && parentDrop !== undefined) {
        findings.push({
          index: parentDrop.index,
          rule: "rebuild-cascade",
          message: `${start.table.name}.${column.name}: ${nulled + changed} of ${total} values ${fk.onDelete === "SET NULL" ? "set to NULL" : "reset to the default"} (ON DELETE ${fk.onDelete}) ${describeDrop(statementAt(parentDrop.index)?.parsed)}; D1 keeps foreign keys ON inside the migration`,
          fix: cascadeFix(fk.parent, start.table.name),
        });
        continue;
      }
      if (nulled > 0)
        findings.push({
          index,
          rule: "values-lost",
          message: `${start.table.name}.${column.name}: ${nulled} of ${total} values became NULL — the running code reads NULL where it wrote a value`,
          fix: `copy ${column.name} into the new table (check the INSERT … SELECT column lists, and a column renamed aside), or annotate with "-- migration-lint: allow values-lost: <reason>"`,
        });
      if (changed > 0)
        findings.push({
          index,
          rule: "values-changed",
          message: `${start.table.name}.${column.name}: ${changed} of ${total} values changed (${example ?? ""}) — the migration reset or rewrote existing data`,
          fix: `copy ${column.name} unchanged into the new table (a column left out of INSERT … SELECT takes its DEFAULT), or annotate with "-- migration-lint: allow values-changed: <reason>"`,
        });
    }
    findings.push(
      ...uniqueLoss(start, end, drop, statements, firstNaming(names)),
    );
  }
  for (const update of input.updates) {
    if (update.changedRows === 0) continue;
    if (update.bounded) {
      findings.push(...boundedUpdate(update));
      continue;
    }
    findings.push({
      index: update.index,
      rule: "unbounded-update",
      message: `UPDATE ${update.table} has no WHERE clause and overwrote existing values of ${update.columns.join(", ")} in ${update.changedRows} of ${update.totalRows} rows`,
      fix: `add a WHERE clause naming the rows to change, or annotate with "-- migration-lint: allow unbounded-update: <reason>"`,
    });
  }
  return findings;
}

/**
 * Columns a file renames onto a name the table already had before it — SQLite has no ALTER COLUMN,
 * so a retype adds `x_new`, copies, drops `x` and renames `x_new` to `x` — that end holding every
 * row's value under that name: the running code reads the column as before. Lower-cased
 * `table.column`.
 */
export function renamedBackWithValues(
  start: ReadonlyMap<string, TableSnapshot>,
  end: ReadonlyMap<string, TableSnapshot>,
  statements: readonly ReplayStatement[],
): Set<string> {
  const carried = new Set<string>();
  for (const { parsed } of statements) {
    if (parsed.kind !== "rename-column") continue;
    const name = lower(parsed.table);
    const before = start.get(name);
    const after = end.get(name);
    if (before === undefined || after === undefined) continue;
    const column = findColumn(before.table, parsed.newName);
    const endColumn = findColumn(after.table, parsed.newName);
    if (column === undefined || endColumn === undefined) continue;
    const kept = matchRows(before, after).every(
      ([row, next]) =>
        next !== undefined &&
        (row[column] === null || sameValue(row[column], next[endColumn])),
    );
    if (kept) carried.add(`${name}.${lower(parsed.newName)}`);
  }
  return carried;
}

/**
 * An UPDATE … WHERE that overwrites values production holds with constants (settings reset to a
 * default JSON, a field type forced): the rows its WHERE names are real rows someone wrote, so the
 * rewrite is reported like a rebuild's; an intended fix is allowed with a reason.
 */
function boundedUpdate(update: UpdateEffect): ReplayFinding[] {
  return [...update.perColumn].flatMap(([column, change]) => {
    const [before, after] = change.example ?? [null, null];
    const where = `${update.table}.${column}`;
    const allow = (rule: string) =>
      `if the rewrite is intended (a data fix), annotate with "-- migration-lint: allow ${rule}: <reason>"; otherwise narrow the WHERE to rows that still hold the old default`;
    return [
      ...(change.nulled > 0
        ? [
            {
              index: update.index,
              rule: "values-lost" as const,
              message: `${where}: ${change.nulled} of ${update.totalRows} values became NULL — UPDATE … WHERE clears values the running code wrote`,
              fix: allow("values-lost"),
            },
          ]
        : []),
      ...(change.changed > 0
        ? [
            {
              index: update.index,
              rule: "values-changed" as const,
              message: `${where}: ${change.changed} of ${update.totalRows} values changed (${shown(before)} → ${shown(after)}) — UPDATE … WHERE rewrites values production holds`,
              fix: allow("values-changed"),
            },
          ]
        : []),
    ];
  });
}

function cascadeFix(parent: string, child: string): string {
  return `make the change without deleting the rows of ${parent}, or copy the rows of ${child} aside before and restore them after (PRAGMA defer_foreign_keys = on), then annotate with "-- migration-lint: allow rebuild-cascade: <reason>"`;
}

function rowLoss(
  start: TableSnapshot,
  end: TableSnapshot,
  lost: number,
  total: number,
  drop: CountDrop | undefined,
  statementAt: (index: number) => ReplayStatement | undefined,
  fallback: number,
  names: readonly string[],
): ReplayFinding | undefined {
  const name = start.table.name;
  const statement =
    drop === undefined ? undefined : statementAt(drop.index)?.parsed;
  const index = drop?.index ?? fallback;
  const target = statement === undefined ? undefined : tableOf(statement);
  if (
    statement?.kind === "delete" &&
    target !== undefined &&
    names.includes(target)
  ) {
    // A DELETE … WHERE removes rows production holds (the rows its WHERE was written for).
    return statement.hasWhere
      ? {
          index,
          rule: "rows-lost",
          message: `${name}: ${lost} of ${total} rows deleted by DELETE … WHERE — the running code, and its users, lose rows they wrote`,
          fix: `if removing these rows is intended, annotate with "-- migration-lint: allow rows-lost: <reason>"`,
        }
      : {
          index,
          rule: "unbounded-delete",
          message: `${name}: ${lost} of ${total} rows deleted — DELETE FROM ${statement.table} has no WHERE clause`,
          fix: `add a WHERE clause naming the rows to delete, or annotate with "-- migration-lint: allow unbounded-delete: <reason>"`,
        };
  }
  if (
    statement !== undefined &&
    target !== undefined &&
    !names.includes(target)
  ) {
    const fk =
      start.table.foreignKeys.find((f) => lower(f.parent) === target) ??
      start.table.foreignKeys.find((f) => f.onDelete === "CASCADE");
    return {
      index,
      rule: "rebuild-cascade",
      message: `${name}: ${lost} of ${total} rows deleted (ON DELETE ${fk?.onDelete ?? "CASCADE"}) ${describeDrop(statement)}; D1 keeps foreign keys ON inside the migration, so PRAGMA foreign_keys=OFF does not stop it`,
      fix: cascadeFix(target, name),
    };
  }
  if (
    lost === total &&
    end.rows.length === 0 &&
    (statement?.kind === "drop-table" || statement?.kind === "rename-table")
  )
    return {
      index,
      rule: "drop-table",
      message: `${name}: ${total} of ${total} rows deleted — the table is ${statement.kind === "drop-table" ? "dropped" : "renamed aside"} and re-created empty; the Worker still running during rollout reads an empty table`,
      fix: `copy the rows into the new table (INSERT INTO … SELECT … FROM the old one) before dropping it, or annotate with "-- migration-lint: allow drop-table: <reason>"`,
    };
  const how =
    statement?.kind === "drop-table"
      ? `the rebuild copied only ${total - lost} of them before DROP TABLE ${statement.table}`
      : "rows were replaced or not carried over";
  return {
    index,
    rule: "rows-lost",
    message: `${name}: ${lost} of ${total} rows lost — ${how} (e.g. INSERT OR IGNORE/REPLACE meeting a new UNIQUE)`,
    fix: `de-duplicate or fix the rows explicitly before the change, or annotate with "-- migration-lint: allow rows-lost: <reason>"`,
  };
}

/**
 * A unique set is still guaranteed when the table after the file has a unique set (a constraint, a
 * unique index without WHERE, or the primary key) over some of its columns: unique on fewer
 * columns implies unique on more, so replacing an index by an equivalent or narrower one loses
 * nothing, and neither does dropping a unique index that contains the primary key.
 */
function implied(unique: UniqueSet, by: readonly UniqueSet[]): boolean {
  const columns = new Set(unique.columns.map(lower));
  return by.some(
    (u) =>
      (!u.partial || unique.partial) &&
      u.columns.every((c) => columns.has(lower(c))),
  );
}

/**
 * A unique set widened to more columns (UNIQUE(name) replaced by UNIQUE(name, user_id)) is a
 * relaxed guarantee, not a lost one: no row or value changes, and what the old code wrote still
 * satisfies it. The wider set must guarantee something of its own — a set that contains another
 * unique set of the table (the primary key) is trivially unique and keeps nothing.
 */
function widened(unique: UniqueSet, by: readonly UniqueSet[]): boolean {
  const columns = unique.columns.map(lower);
  return by.some(
    (u) =>
      (!u.partial || unique.partial) &&
      columns.every((c) => u.columns.some((w) => lower(w) === c)) &&
      !implied(
        u,
        by.filter((other) => other !== u),
      ),
  );
}

function uniqueLoss(
  start: TableSnapshot,
  end: TableSnapshot,
  drop: CountDrop | undefined,
  statements: readonly ReplayStatement[],
  fallback: number,
): ReplayFinding[] {
  const findings: ReplayFinding[] = [];
  for (const unique of start.table.uniques) {
    // A column gone is reported as such; the guarantee it carried is reported with it.
    if (unique.columns.some((c) => findColumn(end.table, c) === undefined))
      continue;
    if (implied(unique, end.table.uniques)) continue;
    if (widened(unique, end.table.uniques)) continue;
    // The same table before the file already allowed what it allows now (a partial index's rows).
    if (
      implied(
        unique,
        start.table.uniques.filter((u) => u !== unique),
      )
    )
      continue;
    const dropIndex = statements.find(
      (s) =>
        s.parsed.kind === "drop-index" &&
        lower(s.parsed.name) === lower(unique.name),
    );
    const what =
      unique.origin === "pk"
        ? "PRIMARY KEY"
        : unique.origin === "c"
          ? `UNIQUE index ${unique.name}`
          : "UNIQUE constraint";
    findings.push({
      index: dropIndex?.index ?? drop?.index ?? fallback,
      rule: "unique-lost",
      message: `${start.table.name}: ${what} on (${unique.columns.join(", ")}) is gone after the migration, so duplicates can now be written`,
      fix: `re-create it (CREATE UNIQUE INDEX … ON ${start.table.name} (${unique.columns.join(", ")})), or annotate with "-- migration-lint: allow unique-lost: <reason>"`,
    });
  }
  return findings;
}
