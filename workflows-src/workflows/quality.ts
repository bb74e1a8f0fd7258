/**
 * quality.yml — every check a change must pass, once per commit (builders/pipeline-workflows.ts),
 * plus this repository's own integration stage: the cloud rehearsal of the deploy CLIs against the
 * Cloudflare API double, one job per lane part, the N−1 compatibility check (builders/compat.ts),
 * and the pull-request preview (builders/preview.ts).
 */
import { qualityWorkflow } from "@typed-cicd/pipeline";
import {
  cloudRehearsalJobs,
  compatJob,
  previewJobs,
} from "../builders/repository-only";
import { preview } from "../environments";
import config from "../pipeline.config";

export const quality = qualityWorkflow(
  config,
  { sourceUrl: import.meta.url },
  {
    integration: [
      ...cloudRehearsalJobs(config.packageManager, []),
      // The N−1 check: the serving build on this change's schema (beside build → e2e).
      compatJob(config),
    ],
    // Same-repository pull requests: the tested build at pr-<number> on its own D1 (builders/preview.ts).
    afterTests: (build, tested) =>
      previewJobs(config.packageManager, preview, build, tested),
  },
);
