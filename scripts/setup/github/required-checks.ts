/**
 * The status checks a pull request must pass, named exactly as GitHub shows them: for a workflow
 * run on `pull_request`, each job's check run is called by the job's `name` (its id when unnamed).
 * Derived from quality.yml's source, so renaming a job renames the required check on the next
 * `npm run setup -- --apply` (and `--check` reports the stale ruleset until then).
 */
import type { WorkflowDefinition } from "../../../workflows-src/builders/workflow";
import { quality } from "../../../workflows-src/workflows/quality";

/** GitHub Actions' app id: a required check pinned to it cannot be satisfied by a commit status. */
export const GITHUB_ACTIONS_APP_ID = 15368;

export function requiredCheckNames(
  workflow: WorkflowDefinition = quality,
): string[] {
  return workflow.jobs.map((built) => {
    const job = built.job;
    if ("strategy" in job && job.strategy !== undefined) {
      // A matrix job shows one check per combination ("name (x, y)"): name them explicitly first.
      throw new Error(
        `${workflow.source}: jobs.${built.id}: a matrix job has one check per combination — list those names in scripts/setup/github/required-checks.ts`,
      );
    }
    return typeof job.name === "string" && job.name !== ""
      ? job.name
      : built.id;
  });
}
