import type { LiveColumn, LiveTable } from "./sqlite-schema";

/** Where a column began to accept an INSERT that leaves it out as NULL. */
export interface NullableOrigin {
  /** The migration file, as the gate was given it. */
  readonly file: string;
  /** True when that file added the column; false when it relaxed an existing one. */
  readonly added: boolean;
}

/** Lower-cased `table.column` → the file since which the column holds NULL wherever an INSERT left it out. */
export type NullableSince = Map<string, NullableOrigin>;

/**
 * True when an INSERT that leaves the column out stores NULL there: it accepts NULL and has no
 * DEFAULT. A primary key is never left NULL by the code that writes it, whatever SQLite allows; a
 * column with a DEFAULT gets the default, so NULL there needs an explicit NULL write, which the
 * gate does not presume.
 */
export function takesOmittedNull(column: LiveColumn): boolean {
  if (column.notNull || column.pk > 0 || column.generated) return false;
  return (
    column.defaultSql === null || /^\(?\s*NULL\s*\)?$/i.test(column.defaultSql)
  );
}

const keyOf = (table: string, column: string): string =>
  `${table}.${column}`.toLowerCase();

/**
 * After `file` ran: records the columns that take an omitted NULL now and did not before it, and
 * forgets those that no longer do (a later NOT NULL or DEFAULT starts the history again).
 */
export function recordNullable(
  since: NullableSince,
  before: ReadonlyMap<string, LiveTable>,
  after: ReadonlyMap<string, LiveTable>,
  file: string,
): void {
  const now = new Set<string>();
  for (const table of after.values()) {
    const old = before.get(table.name.toLowerCase());
    for (const column of table.columns) {
      if (!takesOmittedNull(column)) continue;
      const key = keyOf(table.name, column.name);
      now.add(key);
      const was = old?.columns.find(
        (c) => c.name.toLowerCase() === column.name.toLowerCase(),
      );
      if (since.has(key) && was !== undefined && takesOmittedNull(was))
        continue;
      since.set(key, { file, added: was === undefined });
    }
  }
  for (const key of [...since.keys()]) if (!now.has(key)) since.delete(key);
}
