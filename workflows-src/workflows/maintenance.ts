/**
 * maintenance.yml — every Monday before Dependabot's npm run (and by hand): are the action pins in
 * workflows-src/actions.ts and the Node.js line in .nvmrc current? Pins are not Dependabot's job
 * (its updates would edit generated YAML); this report is what tells us they aged.
 */
import { maintenanceWorkflow } from "@typed-cicd/pipeline";
import config from "../pipeline.config";

export const maintenance = maintenanceWorkflow(config, {
  sourceUrl: import.meta.url,
});
