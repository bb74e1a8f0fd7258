/**
 * quality.yml — every check a change must pass, once per commit (builders/pipeline-workflows.ts),
 * plus this repository's own integration stage: the cloud rehearsal of the deploy CLIs against the
 * Cloudflare API double, one job per lane part.
 */
import { qualityWorkflow } from "../builders/pipeline-workflows";
import { cloudRehearsalJobs } from "../builders/quality";
import config from "../pipeline.config";

export const quality = qualityWorkflow(
  config,
  { sourceUrl: import.meta.url },
  {
    integration: cloudRehearsalJobs(config.packageManager, []),
  },
);
