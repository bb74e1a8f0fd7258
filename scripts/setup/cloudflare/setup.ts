/**
 * The Cloudflare half of `npm run setup`: credentials present, then the workers.dev subdomain and
 * each environment's D1 database. The token preflight (stop if a permission is missing: nothing
 * is created with a token that cannot finish) runs before either half, in run-setup.ts.
 */
import { wranglerConfigPath } from "../../cli/wrangler-config-file";
import path from "node:path";
import type { Environments } from "../../../workflows-src/builders/environment-model";
import type { EnvVars } from "../../deploy/env-vars";
import type { Wrangler } from "../../deploy/wrangler";
import { SetupError } from "../github/client";
import type { SetupItem, SetupMode } from "../report";
import { runResources } from "../resources";
import { createCloudflareGet, type CloudflareGet } from "./api";
import { d1Resource } from "./d1";
import {
  listD1Databases,
  type D1Database,
} from "../../deploy/cloudflare/d1-list";
import { storageResources } from "./storage";
import { ACCOUNT_FILE, subdomainResource } from "./subdomain";

export interface CloudflareSetupOptions {
  readonly environments: Environments;
  readonly mode: SetupMode;
  readonly env: EnvVars;
  readonly wrangler: Wrangler;
  readonly repoRoot: string;
  readonly regenerate: () => Promise<void>;
  readonly get?: CloudflareGet;
  readonly onItem?: (item: SetupItem) => void;
}

export function cloudflareCredentials(env: EnvVars): {
  token: string;
  accountId: string;
} {
  const token = env["CLOUDFLARE_API_TOKEN"]?.trim();
  const accountId = env["CLOUDFLARE_ACCOUNT_ID"]?.trim();
  if (!token || !accountId) {
    throw new SetupError(
      `${!token ? "CLOUDFLARE_API_TOKEN" : "CLOUDFLARE_ACCOUNT_ID"} is not set — export the token (Workers Scripts: Edit, D1: Edit; see docs/deployment/secrets-setup.md) and the account id, or run with --only github`,
    );
  }
  return { token, accountId };
}

export async function setupCloudflare(
  options: CloudflareSetupOptions,
): Promise<SetupItem[]> {
  // The token preflight ran before (run-setup.ts), with every other token setup will store.
  const { token, accountId } = cloudflareCredentials(options.env);
  const get = options.get ?? createCloudflareGet(options.env, token);

  let cached: Promise<D1Database[]> | undefined;
  const d1Options = {
    wrangler: options.wrangler,
    configFile: wranglerConfigPath(options.repoRoot),
    databases: () => (cached ??= listD1Databases(get, accountId)),
    refresh: () => {
      cached = undefined;
    },
  };
  const resources = [
    subdomainResource({
      get,
      accountId,
      accountFile: path.join(options.repoRoot, ACCOUNT_FILE),
      regenerate: options.regenerate,
    }),
    ...Object.values(options.environments).map((env) =>
      d1Resource(env, d1Options),
    ),
    // R2 buckets and KV namespaces the environments bind (none for the guestbook).
    ...storageResources(Object.values(options.environments), {
      get,
      accountId,
      wrangler: options.wrangler,
      configFile: d1Options.configFile,
    }),
  ];
  const items = await runResources(
    resources,
    options.mode,
    (what, error) =>
      `${what}: ${error instanceof Error ? error.message : String(error)}`,
    options.onItem,
  );
  return items;
}
