import type { Rule } from "./rule";

export const unboundedDelete: Rule = (context) => {
  const { statement } = context;
  if (statement.kind !== "delete" || statement.hasWhere) return [];
  return [
    {
      line: context.line,
      rule: "unbounded-delete",
      message: `DELETE FROM ${statement.table} has no WHERE clause and deletes every row`,
      fix: `add a WHERE clause naming the rows to delete, or annotate with "-- migration-lint: allow unbounded-delete: <reason>"`,
    },
  ];
};

export const unboundedUpdate: Rule = (context) => {
  const { statement } = context;
  if (statement.kind !== "update" || statement.hasWhere) return [];
  return [
    {
      line: context.line,
      rule: "unbounded-update",
      message: `UPDATE ${statement.table} has no WHERE clause and rewrites every row`,
      fix: `add a WHERE clause naming the rows to change, or annotate with "-- migration-lint: allow unbounded-update: <reason>"`,
    },
  ];
};
