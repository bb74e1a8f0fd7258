/**
 * preview-cleanup.yml — closing or merging a same-repository pull request deletes its preview
 * database; every Monday (and by hand) a sweep deletes the databases of pull requests no longer
 * open, in case a close event was missed. Both idempotent (builders/preview.ts).
 */
import { defineWorkflow } from "@typed-cicd/pipeline";
import {
  openPullsJob,
  previewCleanupJob,
  sweepJob,
} from "../builders/repository-only";
import { preview } from "../environments";
import config from "../pipeline.config";

const manager = config.packageManager;
const open = openPullsJob(manager);

export const previewCleanup = defineWorkflow({
  sourceUrl: import.meta.url,
  file: "preview-cleanup.yml",
  name: "Preview cleanup",
  on: {
    pull_request: { types: ["closed"] },
    schedule: [{ cron: "29 5 * * 1" }],
    workflow_dispatch: {},
  },
  jobs: [
    previewCleanupJob(manager, preview),
    open,
    sweepJob(manager, preview, open),
  ],
});
