import type { CountDrop, ReplayFinding } from "./judge";
import type { UnmatchedDelete } from "./match-where";
import { printable } from "./snapshot";

const shortened = (sql: string): string => {
  const flat = sql.replace(/\s+/g, " ").trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}…` : flat;
};

const quoted = (value: string | number): string =>
  typeof value === "number" ? String(value) : `'${printable(value)}'`;

/**
 * A `DELETE … WHERE` that names the rows it is written for (`source = 'BROKER' AND id IN (SELECT …
 * JOIN activities …)`) deletes rows production holds, but when the rest of its condition depends on
 * other tables' rows or on computed values, no generated row meets it and the replay counts 0 rows
 * lost. Reported as `rows-lost` without a count — the finding an intended data fix would get
 * with one, so the same allow comment records the intent — unless the replay did delete rows of
 * that table there (the judge reports those with their count). A condition naming no value (orphans,
 * duplicates, NULLs) is left to the replay: it describes rows production may not hold at all.
 */
export function unmatchedDeleteFindings(
  unmatched: readonly UnmatchedDelete[],
  drops: readonly CountDrop[],
): ReplayFinding[] {
  return unmatched
    .filter(
      (u) =>
        !drops.some(
          (d) => d.index === u.index && d.table === u.table.toLowerCase(),
        ),
    )
    .map((u) => {
      const named = [...u.named]
        .map(([column, value]) => `${column} = ${quoted(value)}`)
        .join(", ");
      return {
        index: u.index,
        rule: "rows-lost",
        message: `${u.table}: deletes the rows production holds where ${shortened(u.whereSql)} — the replay could not build a row that meets it (${named} alone does not: the rest depends on other tables' rows or computed values the generated rows lack), so it could not count them; production's rows may match`,
        fix: `if removing these rows is intended, annotate with "-- migration-lint: allow rows-lost: <which rows and why>"; otherwise narrow the WHERE to the rows meant to go`,
      };
    });
}
