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

/** GitHub workflow command; `%`, CR and LF must be escaped in the message. */
export function annotation(problem: Problem): string {
  const escape = (text: string) =>
    text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const props = [`file=${problem.file}`];
  if (problem.line) props.push(`line=${problem.line}`);
  props.push(`title=${problem.rule.replace(/[,:]/g, " ")}`);
  return `::error ${props.join(",")}::${escape(problem.message)}`;
}
