import { rebuildSourceOfDrop } from "../rebuild";
import { findTable } from "../schema";
import type { Rule } from "./rule";

const fixFor = (table: string, column: string): string =>
  `release code that no longer reads or writes ${table}.${column} first, drop it in a later migration, and annotate it with "-- migration-lint: allow drop-column: <reason>"`;

/** Flags ALTER TABLE … DROP COLUMN, and rebuilds whose new table lacks a column of the old one. */
export const dropColumn: Rule = (context) => {
  const { statement } = context;
  if (statement.kind === "drop-column") {
    return [
      {
        line: context.line,
        rule: "drop-column",
        message: `drops column ${statement.table}.${statement.column} and its data; the Worker still running during rollout may use it`,
        fix: fixFor(statement.table, statement.column),
      },
    ];
  }
  if (statement.kind !== "drop-table") return [];
  const source = rebuildSourceOfDrop(context.statements, context.index);
  const oldTable = findTable(context.schema, statement.table);
  const newTable =
    source === undefined ? undefined : findTable(context.schema, source);
  if (oldTable === undefined || newTable === undefined) return [];
  const kept = new Set(
    newTable.columns.map((column) => column.name.toLowerCase()),
  );
  return oldTable.columns
    .filter((column) => !kept.has(column.name.toLowerCase()))
    .map((column) => ({
      line: context.line,
      rule: "drop-column" as const,
      message: `rebuild of ${statement.table} drops column ${statement.table}.${column.name} (${source} has no such column)`,
      fix: fixFor(statement.table, column.name),
    }));
};
