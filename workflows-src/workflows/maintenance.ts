/**
 * maintenance.yml — every Monday before Dependabot's npm run (and by hand): are the action pins in
 * workflows-src/actions.ts and the Node.js line in .nvmrc current? Pins are not Dependabot's job
 * (its updates would edit generated YAML); this report is what tells us they aged.
 */
import { currencyJob } from "../builders/maintenance";
import { defineWorkflow } from "../builders/workflow";

export const maintenance = defineWorkflow({
  sourceUrl: import.meta.url,
  file: "maintenance.yml",
  name: "Maintenance",
  on: {
    schedule: [{ cron: "41 4 * * 1" }],
    workflow_dispatch: {},
  },
  concurrency: { group: "maintenance", "cancel-in-progress": true },
  jobs: [currencyJob()],
});
