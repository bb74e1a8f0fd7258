/**
 * Every Cloudflare token setup will use or store, probed for each permission before anything is
 * written anywhere: the one setup itself uses (Cloudflare half) and each environment's token about
 * to be sealed into GitHub. A token stored unchecked fails only at that environment's first deploy
 * or, worse, at its first rollback.
 */
import type { EnvVars } from "../deploy/env-vars";
import { createCloudflareGet } from "./cloudflare/api";
import { preflight, type ProbedToken } from "./cloudflare/preflight";
import type { SetupItem } from "./report";
import { findSecretValue } from "./github/secret-values";
import type { SecretPlan } from "./github/secrets";

const TOKEN = "CLOUDFLARE_API_TOKEN";
const ACCOUNT = "CLOUDFLARE_ACCOUNT_ID";

export interface TokenToProbe extends ProbedToken {
  readonly token: string;
  readonly accountId: string;
}

/** Pure: which tokens to probe, once each (the same token for two owners is probed once). */
export async function tokensToProbe(
  plans: readonly SecretPlan[],
  own: { token: string; accountId: string } | undefined,
  env: EnvVars,
): Promise<{ tokens: TokenToProbe[]; problems: SetupItem[] }> {
  const tokens: TokenToProbe[] = [];
  const problems: SetupItem[] = [];
  const add = (probe: TokenToProbe) => {
    const same = tokens.findIndex(
      (t) => t.token === probe.token && t.accountId === probe.accountId,
    );
    if (same === -1) tokens.push(probe);
  };
  if (own) add({ variable: TOKEN, ...own });
  for (const plan of plans) {
    const token = plan.values.get(TOKEN);
    if (token === undefined) continue;
    const account =
      plan.values.get(ACCOUNT) ??
      (await findSecretValue(plan.environment, ACCOUNT, {
        env,
        rotating: false,
      }));
    if (account === undefined) {
      problems.push({
        resource: `${plan.environment} token`,
        state: "failed",
        detail: `cannot preflight ${plan.environment}'s ${TOKEN} (${token.from}) without an account id — set ${ACCOUNT}, then re-run`,
      });
      continue;
    }
    add({
      variable: token.from,
      owner: plan.environment,
      token: token.value,
      accountId: account.value,
    });
  }
  return { tokens, problems };
}

export async function preflightTokens(
  tokens: readonly TokenToProbe[],
  env: EnvVars,
): Promise<SetupItem[]> {
  const items: SetupItem[] = [];
  for (const probe of tokens)
    items.push(
      ...(await preflight(
        createCloudflareGet(env, probe.token),
        probe.accountId,
        probe,
      )),
    );
  return items;
}
