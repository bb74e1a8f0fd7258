/**
 * rollback.yml — manual: roll an environment's Worker back (default: the previous good version) and/or
 * restore its D1 to a Time Travel bookmark or timestamp, then health-check. Production goes through
 * the same environment approval as a deploy, and shares the deploy concurrency group.
 */
import {
  ROLLBACK_INPUTS,
  environmentChoice,
  rollbackJob,
} from "../builders/deploy";
import { defineWorkflow } from "../builders/workflow";
import { environments } from "../environments";

export const rollbackWorkflow = defineWorkflow({
  sourceUrl: import.meta.url,
  file: "rollback.yml",
  name: "Rollback",
  on: {
    workflow_dispatch: {
      inputs: {
        [ROLLBACK_INPUTS.environment]: environmentChoice(
          "Environment to roll back (run from its branch: staging ← develop, production ← main)",
        ),
        [ROLLBACK_INPUTS.versionId]: {
          description:
            "Worker version id to serve (empty: the newest earlier version no rollback moved away from; refused with a list when unclear)",
          type: "string",
          required: false,
          default: "",
        },
        [ROLLBACK_INPUTS.skipWorker]: {
          description: "Leave the Worker as it is (restore D1 only)",
          type: "boolean",
          required: false,
          default: false,
        },
        [ROLLBACK_INPUTS.bookmark]: {
          description:
            "D1 Time Travel bookmark to restore (e.g. the deploy job's bookmark output); empty: keep the data",
          type: "string",
          required: false,
          default: "",
        },
        [ROLLBACK_INPUTS.timestamp]: {
          description:
            "Or a time to restore D1 to (RFC 3339 or Unix seconds; Time Travel reaches 30 days back on Workers Paid, 7 on Free); empty: keep the data",
          type: "string",
          required: false,
          default: "",
        },
      },
    },
  },
  jobs: Object.values(environments).map((env) => rollbackJob(env)),
});
