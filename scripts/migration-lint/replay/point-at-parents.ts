import type { DatabaseSync } from "node:sqlite";
import {
  keyColumns,
  quoteName,
  readTables,
  type LiveTable,
} from "./sqlite-schema";

const lower = (name: string): string => name.toLowerCase();

/**
 * Makes columns that the migration turns into foreign keys hold keys of their parent, as production
 * data does (an app stores ids in `user_id` long before a migration declares the key): generated
 * free text there would make the migration "fail on data" only on the gate's own invention.
 * `after` is the schema the migration produces on an empty database. Returns whether a value moved.
 */
export function pointAtParents(
  db: DatabaseSync,
  after: ReadonlyMap<string, LiveTable>,
): boolean {
  const before = readTables(db);
  let moved = false;
  for (const table of after.values()) {
    const live = before.get(lower(table.name));
    if (live === undefined) continue;
    for (const fk of table.foreignKeys) {
      const [from] = fk.from;
      if (fk.from.length !== 1 || from === undefined) continue;
      const column = live.columns.find((c) => lower(c.name) === lower(from));
      const parent = before.get(lower(fk.parent));
      const to = fk.to[0] ?? (parent && keyColumns(parent)[0]);
      if (column === undefined || parent === undefined || to === undefined)
        continue;
      const [c, p, k] = [
        quoteName(column.name),
        quoteName(parent.name),
        quoteName(to),
      ];
      try {
        const result = db
          .prepare(
            `UPDATE ${quoteName(live.name)} SET ${c} = (SELECT ${k} FROM ${p} ORDER BY ${k} LIMIT 1) WHERE ${c} IS NOT NULL AND ${c} NOT IN (SELECT ${k} FROM ${p} WHERE ${k} IS NOT NULL)`,
          )
          .run();
        if (Number(result.changes) > 0) moved = true;
      } catch {
        // A CHECK or UNIQUE on the column refuses the parent's key: leave the values as they are.
      }
    }
  }
  return moved;
}
