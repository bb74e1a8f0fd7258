import { annotation as githubAnnotation } from "../deploy/github-io";

/** One finding of the check: what is wrong, where, and how to fix it — printed as one line. */
export interface Problem {
  /** Repository-relative path. */
  readonly file: string;
  readonly line?: number;
  /** Short rule id, e.g. "pinned-action", "drift-stale", "actionlint/job-needs". */
  readonly rule: string;
  readonly message: string;
  /** Extra lines shown after the summary (a unified diff); never part of the one-liner. */
  readonly detail?: string;
}

export function formatProblem(problem: Problem): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  return `${where}: ${problem.message} [${problem.rule}]`;
}

/** The problem as a GitHub error annotation on its file and line. */
export function annotation(problem: Problem): string {
  return githubAnnotation("error", problem.message, {
    file: problem.file,
    line: problem.line || undefined,
    title: problem.rule,
  });
}
