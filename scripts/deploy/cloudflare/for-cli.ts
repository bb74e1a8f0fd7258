/** What a deploy CLI needs to talk to Cloudflare: a redacting log and the client over real wrangler. */
import { createDeployLog, type DeployLog } from "../deploy-log";
import type { EnvVars } from "../env-vars";
import { createWrangler } from "../wrangler";
import { createCloudflareClient, type CloudflareClient } from "./client";
import { redactCredentials } from "./redact";

export interface CliCloudflare {
  readonly log: DeployLog;
  readonly cloudflare: CloudflareClient;
}

export function cliCloudflare(
  logFile: string,
  env: EnvVars = process.env,
): CliCloudflare {
  const redact = redactCredentials(env);
  const log = createDeployLog(logFile, { redact });
  return {
    log,
    cloudflare: createCloudflareClient({
      wrangler: createWrangler({ log, env }),
      redact,
    }),
  };
}
