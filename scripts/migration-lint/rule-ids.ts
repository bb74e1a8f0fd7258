/** Every finding names one of these; `-- migration-lint: allow <id>: <reason>` refers to them. */
export const ruleIds = [
  "drop-table",
  "drop-column",
  "rename-table",
  "rename-column",
  "rebuild-cascade",
  "pragma-foreign-keys",
  "not-null-without-default",
  "unbounded-delete",
  "unbounded-update",
  "rows-lost",
  "values-lost",
  "values-changed",
  "unique-lost",
  "fails-on-data",
  "sql-error",
  "parse-error",
  "allow-without-reason",
  "allow-unknown-rule",
  "drizzle-kit-check",
] as const;

export type RuleId = (typeof ruleIds)[number];

/** Findings about the gate's own input that an allow comment must not silence. */
export const unallowableRules: ReadonlySet<RuleId> = new Set([
  "allow-without-reason",
  "allow-unknown-rule",
  "drizzle-kit-check",
]);

export function isRuleId(value: string): value is RuleId {
  return (ruleIds as readonly string[]).includes(value);
}

/**
 * Data-loss rules the replay on seeded SQLite decides: their static findings are kept only for a
 * table the replay had no rows in. `pragma-foreign-keys` is retired (the replay measures what an
 * ineffective PRAGMA lets happen) but stays a known id so existing allow comments remain valid.
 */
export const replayDecidedRules: ReadonlySet<RuleId> = new Set([
  "drop-table",
  "drop-column",
  "rebuild-cascade",
  "unbounded-delete",
  "unbounded-update",
  "pragma-foreign-keys",
]);
