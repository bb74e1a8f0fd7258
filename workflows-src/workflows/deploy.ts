/**
 * deploy.yml — pushes to an environment's branch (develop → staging, main → production, from
 * environments.ts) and manual dispatch. Quality runs first in the same run; nothing deploys unless
 * it passed, and the deploy ships quality's build artifact. A route job (parallel to quality) picks
 * the one environment the run deploys and fails a dispatch from the wrong branch. See
 * builders/deploy.ts for why each environment is one migrate-then-deploy job (one production
 * approval covers both).
 */
import {
  DEPLOY_INPUTS,
  deployBranches,
  deployJob,
  environmentChoice,
  routeJob,
} from "../builders/deploy";
import { qualityCall } from "../builders/quality";
import { defineWorkflow } from "../builders/workflow";
import { environments } from "../environments";
import { quality as qualityWorkflow } from "./quality";

const quality = qualityCall(qualityWorkflow);
const route = routeJob();
const envs = Object.values(environments);

export const deploy = defineWorkflow({
  sourceUrl: import.meta.url,
  file: "deploy.yml",
  name: "Deploy",
  on: {
    push: { branches: deployBranches() },
    workflow_dispatch: {
      inputs: {
        [DEPLOY_INPUTS.environment]: environmentChoice(
          `Environment to deploy (only from its branch: ${envs.map((env) => `${env.name} ← ${env.branch}`).join(", ")}; a mismatch fails the run)`,
        ),
      },
    },
  },
  jobs: [quality, route, ...envs.map((env) => deployJob(env, quality, route))],
});
