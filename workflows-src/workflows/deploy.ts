/**
 * deploy.yml — pushes to an environment's branch (develop → staging, main → production, from
 * environments.ts) and manual dispatch. Quality runs first in the same run; nothing deploys unless
 * it passed, and the deploy ships quality's build artifact. A route job (parallel to quality) picks
 * the one environment the run deploys and fails a dispatch from the wrong branch. See
 * builders/deploy.ts for why each environment is one migrate-then-deploy job (one production
 * approval covers both).
 */
import { deployWorkflow } from "@typed-cicd/pipeline";
import { environments } from "../environments";
import config from "../pipeline.config";
import { quality } from "./quality";

export const deploy = deployWorkflow(config, environments, quality, {
  sourceUrl: import.meta.url,
});
