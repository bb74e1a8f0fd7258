/**
 * Worker versions: uploaded code + bindings, not serving until a deployment names them.
 * @see https://developers.cloudflare.com/api/resources/workers/subresources/scripts/subresources/versions/
 */
import { ApiError, success } from "../envelope";
import { requireAccount, requireWorker, route } from "../router";
import { checkVersionUpload } from "./upload-rules";
import {
  addVersion,
  readUpload,
  uploadFacts,
  versionJson,
} from "./workers-upload";

export const versionRoutes = [
  // POST /accounts/{account_id}/workers/scripts/{script_name}/versions — upload version
  // (wrangler versions upload). A Worker that does not exist answers 10007, like the API.
  route(
    "POST",
    "/accounts/:account/workers/scripts/:script/versions",
    async (ctx) => {
      requireAccount(ctx);
      const worker = requireWorker(ctx, ctx.params.script as string);
      const upload = await readUpload(ctx);
      checkVersionUpload(ctx.state, worker, uploadFacts(upload));
      const version = addVersion(worker, upload, "upload");
      ctx.state.save();
      return { json: success(versionJson(worker, version)) };
    },
  ),
  // GET /accounts/{account_id}/workers/scripts/{script_name}/versions — list versions, newest
  // first, paginated as `items` (wrangler versions list, versions deploy with ?deployable=true)
  route("GET", "/accounts/:account/workers/scripts/:script/versions", (ctx) => {
    requireAccount(ctx);
    const worker = requireWorker(ctx, ctx.params.script as string);
    const items = [...worker.versions]
      .reverse()
      .map((v) => versionJson(worker, v));
    return {
      json: success(
        { items },
        {
          result_info: {
            page: 1,
            per_page: items.length,
            total_count: items.length,
          },
        },
      ),
    };
  }),
  // GET /accounts/{account_id}/workers/scripts/{script_name}/versions/{version_id} — version detail
  // (wrangler deployments status, versions deploy, rollback)
  route(
    "GET",
    "/accounts/:account/workers/scripts/:script/versions/:version",
    (ctx) => {
      requireAccount(ctx);
      const worker = requireWorker(ctx, ctx.params.script as string);
      const version = ctx.state.findVersion(
        worker,
        ctx.params.version as string,
      );
      if (version === undefined)
        throw new ApiError(
          404,
          10220,
          `Version ${ctx.params.version} not found for Worker ${worker.name}`,
        );
      return { json: success(versionJson(worker, version)) };
    },
  ),
];
