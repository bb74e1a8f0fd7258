/**
 * Static assets: wrangler opens an upload session with the manifest of `assets.directory`, uploads
 * the buckets the API asks for, and sends the completion JWT with the script. The double answers
 * every session with no buckets (all content already known), so no upload follows.
 * @see https://developers.cloudflare.com/api/resources/workers/subresources/scripts/subresources/assets/subresources/upload/methods/create/
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { success } from "../envelope";
import { parseJson, requireAccount, route } from "../router";

const sessionSchema = z.object({
  manifest: z.record(
    z.string(),
    z.object({ hash: z.string(), size: z.number() }),
  ),
});

export const assetRoutes = [
  // POST /accounts/{account_id}/workers/scripts/{script_name}/assets-upload-session
  // (wrangler deploy / versions upload with `assets`)
  route(
    "POST",
    "/accounts/:account/workers/scripts/:script/assets-upload-session",
    (ctx) => {
      requireAccount(ctx);
      parseJson(ctx, sessionSchema);
      return {
        json: success({ jwt: `cf-double-assets-${randomUUID()}`, buckets: [] }),
      };
    },
  ),
];
