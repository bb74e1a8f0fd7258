/**
 * actionlint checks workflows, not action metadata: a composite action's steps are linted by
 * wrapping them in a one-job workflow whose `workflow_call` inputs are the action's inputs (so
 * `${{ inputs.x }}` type-checks). Each step is written on one line, so a finding's line names the
 * step, and is mapped back to that step's line in action.yml.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Node } from "yaml";

export interface WrappedAction {
  readonly content: string;
  /** The action.yml line of the step a line of `content` belongs to. */
  readonly lineOf: (line: number) => number;
}

export function compositeAsWorkflow(text: string): WrappedAction | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  if (doc.errors.length > 0) return undefined;
  const root = doc.contents;
  const runs = isMap(root) ? root.get("runs", true) : undefined;
  if (!isMap(runs) || runs.get("using") !== "composite") return undefined;
  const steps = runs.get("steps", true);
  if (!isSeq(steps)) return undefined;
  const inputs = isMap(root) ? root.get("inputs", true) : undefined;
  const names = isMap(inputs)
    ? inputs.items.map((pair) =>
        String((pair.key as { value?: unknown }).value ?? pair.key),
      )
    : [];
  const head = [
    "on:",
    "  workflow_call:",
    ...(names.length > 0
      ? [
          "    inputs:",
          ...names.map(
            (n) =>
              `      ${JSON.stringify(n)}: { type: string, required: false }`,
          ),
        ]
      : []),
    "permissions: {}",
    "jobs:",
    "  composite:",
    "    runs-on: ubuntu-24.04",
    "    steps:",
  ];
  const stepLines = steps.items.map((step) => {
    const start = (step as Node).range?.[0] ?? 0;
    return counter.linePos(start).line;
  });
  const body = steps.items.map(
    (step) => `      - ${JSON.stringify((step as Node).toJSON())}`,
  );
  return {
    content: `${[...head, ...body].join("\n")}\n`,
    lineOf: (line) => stepLines[line - head.length - 1] ?? 1,
  };
}
