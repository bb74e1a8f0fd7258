/**
 * What every rule of the audit works with: the file and its parsed tree, the policy context, the
 * findings so far, and (for a job or an action) where findings about the whole job point.
 */
import type { Problem } from "../problem";
import type { PolicyContext } from "./context";
import type { RuleId } from "./rules";
import type { Node, YamlTree } from "./yaml-tree";

export type FileKind = "workflow" | "action";

export type AuditResult =
  | { readonly ok: true; readonly findings: Problem[] }
  /** Unreadable input: the file is not YAML (or not a workflow/action at all). */
  | { readonly ok: false; readonly problem: Problem };

/** What a local action contributes to the job that uses it. */
export interface ActionSummary {
  readonly restoresCache: boolean;
  readonly downloads: readonly string[];
  /** A step of it may fail without failing the job. */
  readonly continueOnError: boolean;
  /** Env names its steps set, each with the npm script the step runs (judged in environment jobs). */
  readonly env: readonly {
    readonly name: string;
    readonly script: string | undefined;
  }[];
  /** Scripts its run: steps reach and the files they execute (pinned in environment jobs). */
  readonly reached: readonly { readonly name: string; readonly body: string }[];
  readonly files: readonly string[];
  /** Its steps that use an action (judged against ENV_ACTION_INPUTS in environment jobs). */
  readonly actionSteps: readonly Node[];
  /** Its run: steps that carry their own if: (refused in environment jobs). */
  readonly conditionalRuns: number;
}

export const EMPTY_SUMMARY: ActionSummary = {
  restoresCache: false,
  downloads: [],
  continueOnError: false,
  env: [],
  reached: [],
  files: [],
  actionSteps: [],
  conditionalRuns: 0,
};

export interface Scope {
  readonly file: string;
  readonly tree: YamlTree;
  readonly ctx: PolicyContext;
  readonly findings: Problem[];
  /** Local action directories already audited (a cycle or a repeat is audited once). */
  readonly actionsSeen: Map<string, ActionSummary>;
  readonly inputsUntrusted: boolean;
  /** Audits a local action's file with the same rules (passed in: the rules do not import the audit). */
  readonly auditAction: (file: string, content: string) => AuditResult;
}

export interface JobScope extends Scope {
  readonly where: string;
  /** Where a finding about the whole job points: its key (`  deploy:`). */
  readonly at: Parameters<YamlTree["lineOf"]>[0];
  /** Set for a job with `environment:`. */
  readonly environment: string | undefined;
}

export function report(
  scope: Scope,
  rule: RuleId,
  node: Parameters<YamlTree["lineOf"]>[0],
  message: string,
): void {
  scope.findings.push({
    file: scope.file,
    line: scope.tree.lineOf(node),
    rule,
    message,
  });
}
