import { rebuildSourceOfDrop } from "../rebuild";
import { childReferences } from "../schema";
import type { Rule } from "./rule";

/**
 * D1 runs each migration in a transaction, where `PRAGMA foreign_keys=OFF` is a no-op. Dropping a
 * parent table therefore deletes its rows one by one and fires every ON DELETE action of its children.
 */
export const rebuildCascade: Rule = (context) => {
  const { statement } = context;
  if (statement.kind !== "drop-table") return [];
  const children = childReferences(context.schema, statement.table, [
    "CASCADE",
    "SET NULL",
    "SET DEFAULT",
  ]);
  if (children.length === 0) return [];
  const source = rebuildSourceOfDrop(context.statements, context.index);
  const what =
    source === undefined
      ? `DROP TABLE ${statement.table}`
      : `rebuild of ${statement.table} (DROP TABLE ${statement.table}, then RENAME ${source})`;
  const effects = children
    .map(
      (child) =>
        `${child.table}(${child.columns.join(", ")}) ON DELETE ${child.onDelete}`,
    )
    .join("; ");
  const names = [...new Set(children.map((child) => child.table))].join(", ");
  return [
    {
      line: context.line,
      rule: "rebuild-cascade",
      message: `${what} loses data in child tables ${names}: ${effects} fires although the migration reports success (D1 ignores PRAGMA foreign_keys=OFF)`,
      fix: `make the change without rebuilding ${statement.table}, or copy the rows of ${names} aside before the DROP and re-insert them after the RENAME (PRAGMA defer_foreign_keys = on), then annotate with "-- migration-lint: allow rebuild-cascade: <reason>"`,
    },
  ];
};
