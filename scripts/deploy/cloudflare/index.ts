/** The pipeline's Cloudflare client: typed operations over the real wrangler CLI. */
export {
  APPLIED_MIGRATIONS_SQL,
  createCloudflareClient,
  succeeding,
  type CloudflareClient,
  type DeploymentState,
} from "./client";
export { CloudflareError } from "./cloudflare-error";
export {
  createRedact,
  credentialValues,
  redactCredentials,
  REDACTED,
  type Redact,
} from "./redact";
export {
  describeWranglerFailure,
  readWranglerFailure,
  stripAnsi,
  type WranglerFailure,
} from "./wrangler-failure";
export { cliCloudflare, type CliCloudflare } from "./for-cli";
export { createCloudflareGet, type CloudflareGet } from "./api";
export {
  migrationState,
  readWorkerMigrations,
  type MigrationState,
  type WorkerMigrations,
} from "./durable-object-migrations";
