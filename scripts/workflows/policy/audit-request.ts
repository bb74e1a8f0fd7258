/**
 * One audit of written YAML, as a request and its answer: what gen:workflows and check:workflows
 * send to the clean audit process (clean-audit.ts) and what it sends back. Also the in-process
 * form, for tests that judge against a context of their own.
 */
import type { Problem } from "../problem";
import { auditFiles } from "./audit-files";
import type { PolicyContext } from "./context";
import type { Pins } from "./pins";
import { recordPins } from "./pins-record";

export interface AuditRequest {
  /** Workflow files and .github/actions/<name>/action.yml, as written (or about to be). */
  readonly files: readonly {
    readonly file: string;
    readonly content: string;
  }[];
  /**
   * gen:workflows: record the pins of these workflows (and judge against them); check:workflows:
   * judge against the committed .github/workflow-pins.json.
   */
  readonly recordPins: boolean;
}

export interface AuditAnswer {
  readonly bad: readonly Problem[];
  readonly findings: readonly Problem[];
  /** Set when pins were recorded. */
  readonly pins?: Pins;
}

export type Auditor = (request: AuditRequest) => Promise<AuditAnswer>;

export function answer(
  request: AuditRequest,
  base: PolicyContext,
): AuditAnswer {
  const pins = request.recordPins
    ? recordPins(
        request.files.filter((f) => !/(?:^|\/)action\.ya?ml$/.test(f.file)),
        base,
      )
    : undefined;
  const ctx = pins ? { ...base, pins } : base;
  const outcome = auditFiles(request.files, ctx);
  return pins ? { ...outcome, pins } : outcome;
}

/** The audit in this process: only for tests, which pass a context they built. */
export function inProcessAuditor(ctx: PolicyContext): Auditor {
  return (request) => Promise.resolve(answer(request, ctx));
}
