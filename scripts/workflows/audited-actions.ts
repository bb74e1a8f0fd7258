/**
 * Which composite actions (.github/actions/<name>/action.yml) the workflow policy judges: all of
 * them, except one that only unaudited kept workflows use (keepWorkflows with audit: false). An
 * adopter's own setup action belongs to the hand-written workflows it serves; judging it while
 * they are not would make `init` fail on a file the pipeline never runs. An action that an audited
 * workflow (or no workflow at all) names stays audited. Pure.
 */
import type { ExistingFile } from "./generated-files";

const LOCAL_ACTION = /uses:\s*["']?\.\/\.github\/actions\/([^/"'\s@]+)/g;

/** The local action directories a workflow names in `uses: ./.github/actions/<name>`. */
export function localActionsUsed(workflow: string): Set<string> {
  return new Set([...workflow.matchAll(LOCAL_ACTION)].map((m) => m[1] ?? ""));
}

export function auditedActions(
  actions: readonly ExistingFile[],
  workflows: readonly ExistingFile[],
  unaudited: ReadonlySet<string>,
): ExistingFile[] {
  const byAudited = new Set<string>();
  const byUnaudited = new Set<string>();
  for (const workflow of workflows)
    for (const name of localActionsUsed(workflow.content))
      (unaudited.has(workflow.path) ? byUnaudited : byAudited).add(name);
  return actions.filter((action) => {
    const name = action.path.split("/")[2] ?? "";
    return byAudited.has(name) || !byUnaudited.has(name);
  });
}
