import type { Rule } from "./rule";

export const notNullWithoutDefault: Rule = (context) => {
  const { statement } = context;
  if (statement.kind !== "add-column") return [];
  const { column, table } = statement;
  if (!column.notNull || column.hasDefault) return [];
  return [
    {
      line: context.line,
      rule: "not-null-without-default",
      message: `adds NOT NULL column ${table}.${column.name} without a DEFAULT; SQLite rejects it on a table with rows (a fresh local D1 accepts it), and old code inserting rows without it would fail`,
      fix: `give ${column.name} a DEFAULT, or add it nullable, backfill it, and make it NOT NULL once every writer sets it`,
    },
  ];
};
