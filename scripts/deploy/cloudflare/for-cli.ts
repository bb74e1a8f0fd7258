/** What a deploy CLI needs to talk to Cloudflare: a redacting log and the client over real wrangler. */
import { createDeployLog, type DeployLog } from "../deploy-log";
import type { EnvVars } from "../env-vars";
import { createWrangler } from "../wrangler";
import { createCloudflareGet } from "./api";
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
  const token = env["CLOUDFLARE_API_TOKEN"]?.trim();
  const accountId = env["CLOUDFLARE_ACCOUNT_ID"]?.trim();
  return {
    log,
    cloudflare: createCloudflareClient({
      wrangler: createWrangler({ log, env }),
      redact,
      ...(token && accountId
        ? { api: { get: createCloudflareGet(env, token), accountId } }
        : {}),
    }),
  };
}
