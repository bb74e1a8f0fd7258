import type { Rule } from "./rule";

export const renameColumn: Rule = (context) => {
  const { statement } = context;
  if (statement.kind !== "rename-column") return [];
  const { table, column, newName } = statement;
  return [
    {
      line: context.line,
      rule: "rename-column",
      message: `renames column ${table}.${column} to ${newName}; the Worker still running during rollout uses ${column} and fails`,
      fix: `expand and contract: add ${newName}, backfill it, switch the code, drop ${column} in a later release — or annotate with "-- migration-lint: allow rename-column: <reason>"`,
    },
  ];
};
