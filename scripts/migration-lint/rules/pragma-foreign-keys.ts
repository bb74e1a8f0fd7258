import type { Rule } from "./rule";

export const pragmaForeignKeys: Rule = (context) => {
  const { statement } = context;
  if (statement.kind !== "pragma" || statement.name !== "foreign_keys")
    return [];
  return [
    {
      line: context.line,
      rule: "pragma-foreign-keys",
      message:
        "PRAGMA foreign_keys is ignored on D1: each migration runs in a transaction, so foreign keys stay ON",
      fix: "remove it; use PRAGMA defer_foreign_keys = on to check constraints at commit (it does not stop ON DELETE actions)",
    },
  ];
};
