/**
 * Token verification and memberships: wrangler whoami and account discovery. Authentication of
 * every other request is done once in server.ts (a wrong token answers 10000 everywhere).
 * @see https://developers.cloudflare.com/api/resources/user/subresources/tokens/methods/verify/
 * @see https://developers.cloudflare.com/api/resources/accounts/subresources/tokens/methods/verify/
 * @see https://developers.cloudflare.com/api/resources/user/methods/get/
 */
import { success } from "../envelope";
import { requireAccount, route } from "../router";
import { AUTHOR_EMAIL } from "../state";

const verified = {
  id: "cf-double-token",
  status: "active",
  expires_on: null,
  not_before: null,
};

export const tokenRoutes = [
  // GET /user/tokens/verify — is this user token valid (wrangler whoami)
  route("GET", "/user/tokens/verify", () => ({ json: success(verified) })),
  // GET /accounts/{account_id}/tokens/verify — account-owned tokens
  route("GET", "/accounts/:account/tokens/verify", (ctx) => {
    requireAccount(ctx);
    return { json: success(verified) };
  }),
  // GET /user — the token's user (wrangler whoami prints its e-mail)
  route("GET", "/user", () => ({
    json: success({ id: "cloudflare-double-user", email: AUTHOR_EMAIL }),
  })),
  // GET /memberships — accounts the token can reach (wrangler without CLOUDFLARE_ACCOUNT_ID)
  route("GET", "/memberships", (ctx) => ({
    json: success([
      {
        id: "cf-double-membership",
        account: { id: ctx.state.accountId, name: "cloudflare-double" },
        status: "accepted",
      },
    ]),
  })),
  // GET /accounts — the same question, for account-owned tokens
  route("GET", "/accounts", (ctx) => ({
    json: success([{ id: ctx.state.accountId, name: "cloudflare-double" }]),
  })),
];
