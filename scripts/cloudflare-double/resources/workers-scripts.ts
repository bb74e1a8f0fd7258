/**
 * Worker scripts: created by the first `wrangler deploy` (a PUT of the whole script), absent
 * before — every per-script endpoint then answers 10007 (scripts) or 10090 (services) as the API
 * does — plus the per-script workers.dev/preview switch and the account's list of scripts.
 * @see https://developers.cloudflare.com/api/resources/workers/subresources/scripts/
 */
import { z } from "zod";
import { ApiError, CODES, success } from "../envelope";
import { parseJson, requireAccount, requireWorker, route } from "../router";
import { addDeployment } from "./workers-deployments";
import { applyDeployUpload } from "./upload-rules";
import {
  addVersion,
  newWorker,
  readUpload,
  uploadFacts,
} from "./workers-upload";

const subdomainSchema = z.object({
  enabled: z.boolean(),
  previews_enabled: z.boolean().optional(),
});

/**
 * `?tags=a:yes,b:no` — a Worker is listed when it has every `yes` tag and no `no` tag; anything
 * else in the filter is bad input (10021), as the API refuses it.
 */
function tagFilter(raw: string | null): (tags: readonly string[]) => boolean {
  if (raw === null || raw.trim() === "") return () => true;
  const rules = raw.split(",").map((pair) => {
    const [tag, allowed, ...rest] = pair.trim().split(":");
    if (!tag || (allowed !== "yes" && allowed !== "no") || rest.length > 0)
      throw new ApiError(
        400,
        CODES.badRequest,
        `Invalid tags filter "${pair}": expected <tag>:yes or <tag>:no`,
      );
    return { tag, wanted: allowed === "yes" };
  });
  return (tags) => rules.every((r) => tags.includes(r.tag) === r.wanted);
}

export const scriptRoutes = [
  // GET /accounts/{account_id}/workers/scripts — List Workers: every script of the account (an
  // empty list for a new account), oldest first. `npm run setup`'s token preflight calls it to
  // prove the token can read Workers Scripts on this account.
  route("GET", "/accounts/:account/workers/scripts", (ctx) => {
    requireAccount(ctx);
    const keep = tagFilter(ctx.query.get("tags"));
    const scripts = [...ctx.state.workers.values()]
      .filter((worker) => keep(worker.tags))
      .sort((a, b) => a.createdOn.localeCompare(b.createdOn))
      .map((worker) => {
        const serving =
          ctx.state.currentDeployment(worker)?.versions[0]?.version_id;
        const version =
          serving === undefined
            ? undefined
            : ctx.state.findVersion(worker, serving);
        return {
          id: worker.name,
          etag: (serving ?? "").replaceAll("-", ""),
          created_on: worker.createdOn,
          modified_on: worker.modifiedOn,
          handlers: ["fetch"],
          has_assets: false,
          has_modules: true,
          logpush: false,
          usage_model: "standard",
          tags: worker.tags,
          compatibility_date: version?.compatibilityDate,
          compatibility_flags: version?.compatibilityFlags ?? [],
        };
      });
    return { json: success(scripts) };
  }),
  // PUT /accounts/{account_id}/workers/scripts/{script_name} — upload Worker module (wrangler
  // deploy): creates the Worker if needed, a version, and a deployment of it at 100%.
  route("PUT", "/accounts/:account/workers/scripts/:script", async (ctx) => {
    requireAccount(ctx);
    const name = ctx.params.script as string;
    const upload = await readUpload(ctx);
    const existing = ctx.state.workers.get(name);
    const worker = existing ?? newWorker(name);
    // Durable Object migrations and bindings are checked before anything is stored.
    applyDeployUpload(ctx.state, worker, uploadFacts(upload));
    if (existing === undefined) ctx.state.workers.set(name, worker);
    const version = addVersion(worker, upload, "upload");
    const annotations: Record<string, string> = {
      "workers/triggered_by": "upload",
    };
    const message = version.annotations["workers/message"];
    if (message !== undefined) annotations["workers/message"] = message;
    addDeployment(
      ctx.state,
      worker,
      [{ version_id: version.id, percentage: 100 }],
      annotations,
    );
    return {
      json: success({
        id: name,
        etag: version.id.replaceAll("-", ""),
        pipeline_hash: null,
        mutable_pipeline_id: null,
        deployment_id: version.id,
        startup_time_ms: 1,
        created_on: worker.createdOn,
        modified_on: worker.modifiedOn,
        has_modules: true,
        usage_model: "standard",
      }),
    };
  }),
  // GET /accounts/{account_id}/workers/services/{service_name} — wrangler deploy's "does it
  // exist / who deployed it last" check; a missing Worker answers 10090.
  route("GET", "/accounts/:account/workers/services/:script", (ctx) => {
    requireAccount(ctx);
    const worker = ctx.state.workers.get(ctx.params.script as string);
    if (worker === undefined)
      throw new ApiError(
        404,
        CODES.serviceNotFound,
        "workers.api.error.service_not_found",
      );
    return {
      json: success({
        id: worker.name,
        default_environment: {
          environment: "production",
          script: {
            id: worker.name,
            tag: worker.name,
            // wrangler's getMigrationsToUpload reads the Worker's Durable Object tag here.
            ...(worker.migrationTag === undefined
              ? {}
              : { migration_tag: worker.migrationTag }),
            last_deployed_from: "wrangler",
            created_on: worker.createdOn,
            modified_on: worker.modifiedOn,
          },
        },
        created_on: worker.createdOn,
        modified_on: worker.modifiedOn,
      }),
    };
  }),
  // GET /accounts/{account_id}/workers/scripts/{script_name}/subdomain — workers.dev and preview
  // URLs of one Worker (versions upload asks before printing a preview URL)
  route(
    "GET",
    "/accounts/:account/workers/scripts/:script/subdomain",
    (ctx) => {
      requireAccount(ctx);
      const worker = requireWorker(ctx, ctx.params.script as string);
      return {
        json: success({
          enabled: worker.workersDev,
          previews_enabled: worker.previews,
        }),
      };
    },
  ),
  // POST /accounts/{account_id}/workers/scripts/{script_name}/subdomain — switch them
  // (wrangler deploy applies `workers_dev` / `preview_urls` from the config)
  route(
    "POST",
    "/accounts/:account/workers/scripts/:script/subdomain",
    (ctx) => {
      requireAccount(ctx);
      const worker = requireWorker(ctx, ctx.params.script as string);
      const body = parseJson(ctx, subdomainSchema);
      worker.workersDev = body.enabled;
      worker.previews = body.previews_enabled ?? body.enabled;
      ctx.state.save();
      return {
        json: success({
          enabled: worker.workersDev,
          previews_enabled: worker.previews,
        }),
      };
    },
  ),
  // PATCH /accounts/{account_id}/workers/scripts/{script_name}/script-settings — non-versioned
  // settings (logpush, tail consumers, observability, tags), applied by deploy/versions upload
  route(
    "PATCH",
    "/accounts/:account/workers/scripts/:script/script-settings",
    (ctx) => {
      requireAccount(ctx);
      const worker = requireWorker(ctx, ctx.params.script as string);
      const body = parseJson(
        ctx,
        z.looseObject({ tags: z.array(z.string()).nullish() }),
      );
      if (body.tags) worker.tags = body.tags;
      ctx.state.save();
      return { json: success({ ...body, tags: worker.tags }) };
    },
  ),
  // GET /accounts/{account_id}/workers/scripts/{script_name}/script-settings
  route(
    "GET",
    "/accounts/:account/workers/scripts/:script/script-settings",
    (ctx) => {
      requireAccount(ctx);
      const worker = requireWorker(ctx, ctx.params.script as string);
      return {
        json: success({
          logpush: false,
          tail_consumers: null,
          observability: { enabled: true },
          tags: worker.tags,
        }),
      };
    },
  ),
];

export const accountSubdomainRoutes = [
  // GET /accounts/{account_id}/workers/subdomain — the account's <name>.workers.dev
  route("GET", "/accounts/:account/workers/subdomain", (ctx) => {
    requireAccount(ctx);
    if (ctx.state.subdomain === null)
      throw new ApiError(404, 10007, "workers.api.error.subdomain_not_found");
    return { json: success({ subdomain: ctx.state.subdomain }) };
  }),
];

export const scriptSettingsRoutes = [
  // GET /accounts/{account_id}/workers/scripts/{script_name}/settings — bindings and settings of
  // the deployed script (wrangler deploy reads it to find resources to provision)
  route("GET", "/accounts/:account/workers/scripts/:script/settings", (ctx) => {
    requireAccount(ctx);
    const worker = requireWorker(ctx, ctx.params.script as string);
    const serving =
      ctx.state.currentDeployment(worker)?.versions[0]?.version_id;
    const version =
      serving === undefined
        ? undefined
        : ctx.state.findVersion(worker, serving);
    return {
      json: success({
        bindings: version?.bindings ?? [],
        compatibility_date: version?.compatibilityDate,
        compatibility_flags: version?.compatibilityFlags ?? [],
        logpush: false,
        tags: worker.tags,
        usage_model: "standard",
      }),
    };
  }),
];
