/** What a deploy CLI needs to talk to Cloudflare: a redacting log and the client over real wrangler. */
import { createDeployLog, type DeployLog } from "../deploy-log";
import type { EnvVars } from "../env-vars";
import { createWrangler, REPO_ROOT, wranglerBin } from "../wrangler";
import { createCloudflareGet, type CloudflareRequest } from "./api";
import { createCloudflareClient, type CloudflareClient } from "./client";
import { redactCredentials } from "./redact";
import { configScopeResources } from "./scope-resources";

export interface CliCloudflare {
  readonly log: DeployLog;
  readonly cloudflare: CloudflareClient;
}

export function cliCloudflare(
  logFile: string,
  env: EnvVars = process.env,
): CliCloudflare {
  // Every deploy command writes through wrangler: without it, fail here naming the fix, before
  // any read goes to the API directly.
  wranglerBin(REPO_ROOT);
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
        ? {
            api: {
              get: logged(createCloudflareGet(env, token), log),
              accountId,
              resources: configScopeResources(REPO_ROOT, env),
            },
          }
        : {}),
    }),
  };
}

/** Each direct API request in the deploy log, as each wrangler command is (quietly: file only). */
function logged(request: CloudflareRequest, log: DeployLog): CloudflareRequest {
  const file = log.quiet();
  return async (path, send) => {
    const answer = await request(path, send);
    file.info(
      `$ ${send === undefined ? "GET" : "POST"} ${path} → ${answer.status}${answer.success ? "" : ` ${answer.error}`}`,
    );
    return answer;
  };
}
