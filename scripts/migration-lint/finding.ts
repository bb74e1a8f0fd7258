import type { RuleId } from "./rule-ids";

export interface Finding {
  readonly file: string;
  readonly line: number;
  readonly rule: RuleId;
  readonly message: string;
  /** How to fix it, phrased as an instruction. */
  readonly fix: string;
  /** The reason from a `-- migration-lint: allow` comment; an allowed finding does not fail the gate. */
  readonly allowedBecause?: string;
}

/** A finding before the file it belongs to is known. */
export type RuleFinding = Omit<Finding, "file" | "allowedBecause">;
