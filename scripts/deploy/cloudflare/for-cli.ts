/** What a deploy CLI needs to talk to Cloudflare: a redacting log and the client over real wrangler. */
import { createDeployLog, type DeployLog } from "../deploy-log";
import type { EnvVars } from "../env-vars";
import { createWrangler, REPO_ROOT, wranglerBin } from "../wrangler";
import {
  checkWranglerVersion,
  installedWranglerVersion,
} from "../wrangler-version";
import { localScope } from "../wrangler-args";
import { createCloudflareGet, type CloudflareRequest } from "./api";
import { createCloudflareClient, type CloudflareClient } from "./client";
import { redactCredentials } from "./redact";
import { configScopeResources } from "./scope-resources";
import { committedRedirects } from "../committed-redirects";

export interface CliCloudflare {
  readonly log: DeployLog;
  readonly cloudflare: CloudflareClient;
}

export function cliCloudflare(
  logFile: string,
  env: EnvVars = process.env,
): CliCloudflare {
  // Every deploy command writes through wrangler: without it, or with one older than the deploy
  // path's flags, fail here naming the fix, before any read or write reaches Cloudflare.
  wranglerBin(REPO_ROOT);
  const redirect = committedRedirects(REPO_ROOT);
  if (redirect !== undefined) throw new Error(redirect);
  const wranglerVersion = installedWranglerVersion(REPO_ROOT);
  checkWranglerVersion(wranglerVersion);
  const redact = redactCredentials(env);
  const log = createDeployLog(logFile, { redact });
  const api = cliApi(env, log);
  return {
    log,
    cloudflare: createCloudflareClient({
      wrangler: createWrangler({ log, env }),
      wranglerVersion,
      redact,
      ...(api === undefined
        ? {}
        : {
            api: { ...api, resources: configScopeResources(REPO_ROOT, env) },
          }),
    }),
  };
}

export interface CliApi {
  readonly get: CloudflareRequest;
  readonly accountId: string;
}

/**
 * Direct API access with the token and account id wrangler uses, each request in the deploy log;
 * undefined without both (everything then goes through wrangler, which names what is missing).
 */
export function cliApi(env: EnvVars, log: DeployLog): CliApi | undefined {
  const token = env["CLOUDFLARE_API_TOKEN"]?.trim();
  const accountId = env["CLOUDFLARE_ACCOUNT_ID"]?.trim();
  if (!token || !accountId) return undefined;
  return { get: logged(createCloudflareGet(env, token), log), accountId };
}

/**
 * The same access for requests outside any env (the account's D1 list), in the account wrangler
 * would use at `root`: its config's top-level account_id before CLOUDFLARE_ACCOUNT_ID.
 */
export function rootApi(
  api: CliApi | undefined,
  root: string,
  env: EnvVars,
): CliApi | undefined {
  if (api === undefined) return undefined;
  const configured = configScopeResources(root, env)(localScope()).accountId;
  return configured === undefined ? api : { ...api, accountId: configured };
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
