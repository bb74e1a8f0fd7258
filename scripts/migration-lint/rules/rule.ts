import type { RuleFinding } from "../finding";
import type { ParsedStatement } from "../parsed-statement";
import type { Schema } from "../schema";

export interface RuleContext {
  readonly statement: ParsedStatement;
  /** All statements of the file, so a rule can see a rebuild's DROP and RENAME together. */
  readonly statements: readonly ParsedStatement[];
  readonly index: number;
  /** Line of the statement's first token. */
  readonly line: number;
  /** The schema built from earlier files and earlier statements of this file. */
  readonly schema: Schema;
}

export type Rule = (context: RuleContext) => RuleFinding[];
