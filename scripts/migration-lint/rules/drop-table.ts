import { rebuildSourceOfDrop } from "../rebuild";
import type { Rule } from "./rule";

export const dropTable: Rule = (context) => {
  const { statement } = context;
  if (statement.kind !== "drop-table") return [];
  if (rebuildSourceOfDrop(context.statements, context.index) !== undefined)
    return [];
  // A helper table created earlier in the same migration holds no data from before it.
  const createdHere = context.statements
    .slice(0, context.index)
    .some(
      (s) =>
        s.kind === "create-table" &&
        s.table.toLowerCase() === statement.table.toLowerCase(),
    );
  if (createdHere) return [];
  return [
    {
      line: context.line,
      rule: "drop-table",
      message: `DROP TABLE ${statement.table} deletes the table and all its rows; the Worker still running during rollout may query it`,
      fix: `release code that no longer uses ${statement.table} first, drop it in a later migration, and annotate it with "-- migration-lint: allow drop-table: <reason>"`,
    },
  ];
};
