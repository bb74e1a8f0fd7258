/**
 * quality.yml — every check a change must pass, once per commit: on pull requests directly, and on
 * pushes to develop/main through deploy.yml's `workflow_call` (so those pushes are not checked twice).
 */
import {
  WORKER_ARTIFACT_OUTPUT,
  buildJob,
  cloudRehearsalJobs,
  driftJob,
  e2eJob,
  migrationsJob,
  staticJob,
  unitJobs,
  zizmorJob,
} from "../builders/quality";
import { defineWorkflow, pullRequestConcurrency } from "../builders/workflow";

// No job needs drift: it runs beside the others instead of holding them behind its install.
const build = buildJob([]);

export const quality = defineWorkflow({
  sourceUrl: import.meta.url,
  file: "quality.yml",
  name: "Quality",
  on: {
    pull_request: {},
    workflow_call: {},
    workflow_dispatch: {},
  },
  callOutputs: {
    [WORKER_ARTIFACT_OUTPUT]: {
      description:
        "Name of the OpenNext build artifact this run uploaded (download it instead of rebuilding)",
      value: build.outputs["artifact-name"],
    },
  },
  // A newer push to a pull request cancels the older run; any other event gets a group of its own
  // run, so nothing on main or develop is ever cancelled or queued behind another commit.
  concurrency: pullRequestConcurrency("quality"),
  jobs: [
    driftJob(),
    staticJob([]),
    migrationsJob([]),
    ...unitJobs([]),
    ...cloudRehearsalJobs([]),
    build,
    e2eJob(build),
    zizmorJob([]),
  ],
});
