/**
 * Worker secrets: the double keeps none; wrangler deploy lists them to warn when a var or binding
 * would shadow a secret (a missing Worker answers 10007, which wrangler reads as "no secrets").
 * @see https://developers.cloudflare.com/api/resources/workers/subresources/scripts/subresources/secrets/methods/list/
 */
import { success } from "../envelope";
import { requireAccount, requireWorker, route } from "../router";

export const secretRoutes = [
  // GET /accounts/{account_id}/workers/scripts/{script_name}/secrets (wrangler deploy)
  route("GET", "/accounts/:account/workers/scripts/:script/secrets", (ctx) => {
    requireAccount(ctx);
    requireWorker(ctx, ctx.params.script as string);
    return { json: success([]) };
  }),
];
