/**
 * mutation.yml — Stryker on the critical logic: weekly, on pull requests that touch it, and by hand.
 * Too slow for every pull request, too important to run never.
 */
import { MUTATION_CRITICAL_PATHS, mutationJob } from "../builders/quality";
import { defineWorkflow, pullRequestConcurrency } from "../builders/workflow";

export const mutation = defineWorkflow({
  sourceUrl: import.meta.url,
  file: "mutation.yml",
  name: "Mutation tests",
  on: {
    schedule: [{ cron: "17 3 * * 1" }],
    pull_request: { paths: [...MUTATION_CRITICAL_PATHS] },
    workflow_dispatch: {},
  },
  concurrency: pullRequestConcurrency("mutation"),
  jobs: [mutationJob()],
});
