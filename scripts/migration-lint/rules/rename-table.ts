import { isRebuildRename } from "../rebuild";
import type { Rule } from "./rule";

export const renameTable: Rule = (context) => {
  const { statement } = context;
  if (
    statement.kind !== "rename-table" ||
    isRebuildRename(context.statements, context.index)
  )
    return [];
  return [
    {
      line: context.line,
      rule: "rename-table",
      message: `renames table ${statement.table} to ${statement.newName}; the Worker still running during rollout queries ${statement.table} and fails`,
      fix: `expand and contract: create ${statement.newName}, copy rows, switch the code, drop ${statement.table} in a later release — or annotate with "-- migration-lint: allow rename-table: <reason>"`,
    },
  ];
};
