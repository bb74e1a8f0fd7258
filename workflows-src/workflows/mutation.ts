/**
 * mutation.yml — Stryker on the critical logic: on pull requests that touch it (incremental: only
 * mutants whose code or tests changed since the base branch's last full run), and in full weekly,
 * on pushes to the deploy branches (which record the incremental file) and by hand.
 */
import { deployBranches } from "../builders/deploy";
import { MUTATION_CRITICAL_PATHS, mutationJob } from "../builders/quality";
import { defineWorkflow, pullRequestConcurrency } from "../builders/workflow";

export const mutation = defineWorkflow({
  sourceUrl: import.meta.url,
  file: "mutation.yml",
  name: "Mutation tests",
  on: {
    schedule: [{ cron: "17 3 * * 1" }],
    pull_request: { paths: [...MUTATION_CRITICAL_PATHS] },
    push: {
      branches: deployBranches(),
      paths: [...MUTATION_CRITICAL_PATHS],
    },
    workflow_dispatch: {},
  },
  concurrency: pullRequestConcurrency("mutation"),
  jobs: [mutationJob()],
});
