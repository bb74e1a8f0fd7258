/**
 * The status checks a pull request must pass, named exactly as GitHub shows them: for a workflow
 * run on `pull_request`, each job's check run is called by the job's `name` (its id when unnamed).
 * Derived from quality.yml's source — the repository's own, loaded the way gen loads it — so
 * renaming a job renames the required check on the next `npm run setup -- --apply` (and `--check`
 * reports the stale ruleset until then).
 */
import { QUALITY_FILE } from "../../../workflows-src/builders/pipeline-workflows";
import type { WorkflowDefinition } from "../../../workflows-src/builders/workflow";
import { PREVIEW_JOB_IDS } from "../../../workflows-src/builders/preview";
import { definitionsIn } from "../../workflows/load-definitions";

/** GitHub Actions' app id: a required check pinned to it cannot be satisfied by a commit status. */
export const GITHUB_ACTIONS_APP_ID = 15368;

/**
 * Jobs a pull request does not have to pass: the preview (a view for reviewers — a Cloudflare
 * outage must not block a merge, and forks skip it; decision 15 of the decisions record, "Pull-request previews").
 */
export const NOT_REQUIRED: ReadonlySet<string> = new Set(PREVIEW_JOB_IDS);

export function requiredCheckNames(workflow: WorkflowDefinition): string[] {
  return workflow.jobs.flatMap((built) => {
    if (NOT_REQUIRED.has(built.id)) return [];
    const job = built.job;
    if ("strategy" in job && job.strategy !== undefined) {
      // A matrix job shows one check per combination ("name (x, y)"): name them explicitly first.
      throw new Error(
        `${workflow.source}: jobs.${built.id}: a matrix job has one check per combination — list those names in scripts/setup/github/required-checks.ts`,
      );
    }
    return [
      typeof job.name === "string" && job.name !== "" ? job.name : built.id,
    ];
  });
}

/** The required checks of the repository at `root`: the jobs of its generated quality.yml. */
export async function repositoryRequiredChecks(
  root: string,
): Promise<string[]> {
  const { workflows } = await definitionsIn(root);
  const quality = workflows.find((w) => w.file === QUALITY_FILE);
  if (quality === undefined)
    throw new Error(
      `workflows-src: no ${QUALITY_FILE} among the generated workflows — the rulesets need its jobs as required checks`,
    );
  return requiredCheckNames(quality);
}
