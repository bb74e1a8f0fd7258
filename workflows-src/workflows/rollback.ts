/**
 * rollback.yml — manual: roll an environment's Worker back (default: the previous good version) and/or
 * restore its D1 to a Time Travel bookmark or timestamp, then health-check. Production goes through
 * the same environment approval as a deploy, and shares the deploy concurrency group.
 */
import { rollbackWorkflow as rollback } from "@typed-cicd/pipeline";
import { environments } from "../environments";
import config from "../pipeline.config";

export const rollbackWorkflow = rollback(config, environments, {
  sourceUrl: import.meta.url,
});
