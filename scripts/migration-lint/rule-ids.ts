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
