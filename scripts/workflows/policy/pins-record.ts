/**
 * What gen:workflows records in .github/workflow-pins.json: the scripts and files reached by the
 * run: steps of every job bound to an environment (directly or through a local composite action),
 * judged exactly as the audit judges them (npm-scripts.ts).
 */
import type { PolicyContext } from "./context";
import { environmentOf } from "./job-rules";
import { judgeRun } from "./npm-scripts";
import { mergePins, pinsOf, type Pins } from "./pins";
import {
  child,
  entries,
  items,
  literal,
  parseYaml,
  text,
  type Node,
} from "./yaml-tree";

function runSteps(
  steps: readonly Node[],
  ctx: PolicyContext,
  seen: Set<string>,
): string[] {
  const runs: string[] = [];
  for (const step of steps) {
    const run = literal(child(step, "run"));
    if (run !== undefined) runs.push(run);
    const uses = text(child(step, "uses"));
    if (uses?.startsWith("./.github/actions/")) {
      const dir = uses.slice(2).replace(/\/$/, "");
      if (seen.has(dir)) continue;
      seen.add(dir);
      const content =
        ctx.readFile(`${dir}/action.yml`) ?? ctx.readFile(`${dir}/action.yaml`);
      const parsed = content === undefined ? undefined : parseYaml(content);
      if (parsed?.ok) {
        runs.push(
          ...runSteps(
            items(child(child(parsed.tree.root, "runs"), "steps")),
            ctx,
            seen,
          ),
        );
      }
    }
  }
  return runs;
}

export function recordPins(
  workflows: readonly { readonly content: string }[],
  ctx: PolicyContext,
): Pins {
  const all: Pins[] = [];
  const exists = (file: string) => ctx.readFile(file) !== undefined;
  for (const { content } of workflows) {
    const parsed = parseYaml(content);
    if (!parsed.ok) continue;
    for (const job of entries(child(parsed.tree.root, "jobs"))) {
      if (!environmentOf(job.value as Node)) continue;
      for (const run of runSteps(
        items(child(job.value, "steps")),
        ctx,
        new Set(),
      )) {
        all.push(
          pinsOf(
            judgeRun(
              run,
              ctx.scripts,
              exists,
              ctx.packageManager,
              ctx.readFile,
            ),
            ctx.readFile,
          ),
        );
      }
    }
  }
  return mergePins(all);
}
