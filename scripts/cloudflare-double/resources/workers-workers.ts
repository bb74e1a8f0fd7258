/**
 * The newer Workers API (`/workers/workers/{id}`): wrangler 4.164 reads a Worker's workers.dev
 * state from it — `subdomain.enabled`, `previews_enabled`, and `preview_url_suffix`, from which
 * `versions upload` builds the preview URL `https://<8-hex><suffix>`.
 * @see https://developers.cloudflare.com/api/resources/workers/subresources/beta/subresources/workers/methods/get/
 */
import { success } from "../envelope";
import { requireAccount, requireWorker, route } from "../router";

export const workerRoutes = [
  // GET /accounts/{account_id}/workers/workers/{worker_id} (wrangler deploy, versions upload)
  route("GET", "/accounts/:account/workers/workers/:script", (ctx) => {
    requireAccount(ctx);
    const worker = requireWorker(ctx, ctx.params.script as string);
    const zone =
      ctx.state.subdomain === null
        ? undefined
        : `${ctx.state.subdomain}.workers.dev`;
    return {
      json: success({
        id: worker.name,
        name: worker.name,
        created_on: worker.createdOn,
        updated_on: worker.modifiedOn,
        logpush: false,
        observability: { enabled: true },
        tags: worker.tags,
        subdomain: {
          enabled: worker.workersDev,
          previews_enabled: worker.previews,
          ...(zone === undefined
            ? {}
            : {
                url: `https://${worker.name}.${zone}`,
                preview_url_suffix: `-${worker.name}.${zone}`,
              }),
        },
      }),
    };
  }),
];
