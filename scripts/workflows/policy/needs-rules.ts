/**
 * A job bound to an environment runs when the jobs it needs succeeded — and a job "succeeds" when
 * a step (or the job itself) with continue-on-error failed. So no job a deploy needs, directly or
 * through other jobs, may carry continue-on-error; a reusable workflow it needs
 * (./.github/workflows/x.yml) is read and held to the same.
 */
import { needsOf } from "./environment-rules";
import { environmentOf } from "./job-rules";
import { report, type ActionSummary, type Scope } from "./scope";
import { stillRequiresSuccess } from "./status-functions";
import { readCondition } from "./template";
import { parseYaml } from "./yaml-tree";
import {
  child,
  entries,
  entry,
  items,
  literal,
  text,
  type Entry,
  type Node,
} from "./yaml-tree";

/** Where a job may fail without failing: a description of the first place found, or undefined. */
function mayFailIn(
  job: Node | null,
  summaries: readonly (ActionSummary | undefined)[],
  readFile: (file: string) => string | undefined,
): string | undefined {
  const own = entry(job, "continue-on-error");
  if (own && literal(own.value) !== "false")
    return "the job has continue-on-error";
  const index = items(child(job, "steps")).findIndex((step) => {
    const flag = entry(step, "continue-on-error");
    return flag !== undefined && literal(flag.value) !== "false";
  });
  if (index >= 0) return `step ${index + 1} has continue-on-error`;
  const action = summaries.findIndex((s) => s?.continueOnError);
  if (action >= 0)
    return `step ${action + 1} uses an action with continue-on-error`;
  const uses = text(child(job, "uses"));
  if (uses?.startsWith("./.github/workflows/")) {
    const content = readFile(uses.slice(2));
    const parsed = content === undefined ? undefined : parseYaml(content);
    if (!parsed?.ok) return undefined;
    for (const called of entries(child(parsed.tree.root, "jobs"))) {
      const found = mayFailIn(called.value, [], readFile);
      if (found) return `${uses} job ${called.key}: ${found}`;
    }
  }
  return undefined;
}

/**
 * A needed job that runs after its own needs failed (a status function in its if:) and succeeds
 * hands the deploy a success that hides the failure.
 */
function runsAfterFailure(job: Node | null): string | undefined {
  const condition = text(child(job, "if"));
  if (condition === undefined) return undefined;
  const read = readCondition(condition);
  if (!read.ok || stillRequiresSuccess(read.expr, needsOf(job)))
    return undefined;
  return `if: ${condition} runs it after the jobs it needs failed`;
}

export function checkNeededJobs(
  scope: Scope,
  jobs: readonly Entry[],
  summaries: ReadonlyMap<string, readonly (ActionSummary | undefined)[]>,
): void {
  const byId = new Map(jobs.map((j) => [j.key.toLowerCase(), j]));
  for (const job of jobs) {
    if (!environmentOf(job.value as Node)) continue;
    const seen = new Set<string>();
    const queue = needsOf(job.value).map((n) => n.toLowerCase());
    while (queue.length > 0) {
      const id = queue.shift() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      const needed = byId.get(id);
      if (!needed) continue;
      const found =
        mayFailIn(
          needed.value,
          summaries.get(needed.key) ?? [],
          scope.ctx.readFile,
        ) ?? runsAfterFailure(needed.value);
      if (found) {
        report(
          scope,
          "env-continue-on-error",
          job.pair,
          `job ${job.key} (environment) needs job ${needed.key}, where ${found} — a failure there would still count as success and deploy: remove it`,
        );
      }
      queue.push(...needsOf(needed.value).map((n) => n.toLowerCase()));
    }
  }
}
