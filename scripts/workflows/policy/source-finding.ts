import type { RuleId } from "./rules";

/** A place an install would take code from somewhere other than the registry. */
export interface SourceFinding {
  readonly file: string;
  readonly line: number | undefined;
  readonly rule: Extract<
    RuleId,
    "lockfile-source" | "dependency-source" | "npmrc-option"
  >;
  readonly message: string;
}
