/**
 * The double's control API (no Cloudflare equivalent; under `/__double`, no token needed): seed
 * state before a test or a setup rehearsal, script a version's health, read what happened.
 * Documented in README.md; keep it stable — tests and `npm run setup` rehearsals build on it.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ApiError } from "./envelope";
import { addDeployment, deploymentJson } from "./resources/workers-deployments";
import { newWorker, versionJson } from "./resources/workers-upload";
import { permissionSchema } from "./permissions";
import { parseJson, requireWorker, route, type Route } from "./router";
import { healthModeSchema, type WorkerVersion } from "./state";

const ok = (json: unknown) => ({ json });

export const controlRoutes: Route[] = [
  // Liveness + identity.
  route("GET", "/__double", (ctx) =>
    ok({
      ok: true,
      accountId: ctx.state.accountId,
      subdomain: ctx.state.subdomain,
    }),
  ),
  // Everything at once: workers with versions and deployments (API shapes), databases.
  route("GET", "/__double/state", (ctx) =>
    ok({
      accountId: ctx.state.accountId,
      subdomain: ctx.state.subdomain,
      workers: [...ctx.state.workers.values()].map((w) => ({
        name: w.name,
        workersDev: w.workersDev,
        previews: w.previews,
        migrationTag: w.migrationTag ?? null,
        durableObjectClasses: w.durableObjectClasses ?? [],
        versions: w.versions.map((v) => versionJson(w, v)),
        deployments: [...w.deployments].reverse().map(deploymentJson),
      })),
      r2Buckets: [...ctx.state.r2Buckets.values()],
      kvNamespaces: [...ctx.state.kvNamespaces.values()],
      d1: [...ctx.state.d1.records.values()].map((r) => ({
        uuid: r.uuid,
        name: r.name,
        bookmarks: r.bookmarks.map((b) => ({ bookmark: b.bookmark, at: b.at })),
      })),
    }),
  ),
  // Create a database, optionally with a fixed uuid (the database_id of a wrangler.jsonc).
  route("POST", "/__double/d1", (ctx) => {
    const body = parseJson(
      ctx,
      z.object({ name: z.string().min(1), uuid: z.uuid().optional() }),
    );
    const record = ctx.state.d1.create(body.name, body.uuid);
    ctx.state.save();
    return ok({ uuid: record.uuid, name: record.name });
  }),
  // Run SQL outside the API (seed rows, read them back); same transaction semantics as /query.
  route("POST", "/__double/d1/:database/sql", (ctx) => {
    const record = ctx.state.d1.get(ctx.params.database as string);
    const body = parseJson(ctx, z.object({ sql: z.string() }));
    const results = ctx.state.d1.query(record, body.sql);
    ctx.state.save();
    return ok(results.map((r) => r.results));
  }),
  // The account's workers.dev subdomain; null = none registered.
  route("PUT", "/__double/subdomain", (ctx) => {
    const body = parseJson(
      ctx,
      z.object({
        subdomain: z
          .string()
          .regex(/^[a-z0-9-]+$/)
          .nullable(),
      }),
    );
    ctx.state.subdomain = body.subdomain;
    ctx.state.save();
    return ok({ subdomain: ctx.state.subdomain });
  }),
  // Replace the set of valid API tokens: plain strings (unrestricted) or {token, permissions}.
  route("PUT", "/__double/tokens", (ctx) => {
    const body = parseJson(
      ctx,
      z.object({
        tokens: z.array(
          z.union([
            z.string().min(1),
            z.object({
              token: z.string().min(1),
              permissions: z.array(permissionSchema),
            }),
          ]),
        ),
      }),
    );
    ctx.state.tokens.clear();
    for (const t of body.tokens) {
      if (typeof t === "string") ctx.state.tokens.set(t, null);
      else ctx.state.tokens.set(t.token, t.permissions);
    }
    ctx.state.save();
    return ok({ count: ctx.state.tokens.size });
  }),
  // Preview URLs / workers.dev of one Worker (as the dashboard switch would).
  route("PUT", "/__double/workers/:script/subdomain", (ctx) => {
    const worker = requireWorker(ctx, ctx.params.script as string);
    const body = parseJson(
      ctx,
      z.object({
        enabled: z.boolean().optional(),
        previews_enabled: z.boolean().optional(),
      }),
    );
    if (body.enabled !== undefined) worker.workersDev = body.enabled;
    if (body.previews_enabled !== undefined)
      worker.previews = body.previews_enabled;
    ctx.state.save();
    return ok({
      enabled: worker.workersDev,
      previews_enabled: worker.previews,
    });
  }),
  // Script the health of a version, by id or by tag (commit SHA): ok | unhealthy | unhealthy-on-public.
  route("PUT", "/__double/workers/:script/health", (ctx) => {
    const worker = requireWorker(ctx, ctx.params.script as string);
    const body = parseJson(
      ctx,
      z.object({
        version: z.string().optional(),
        tag: z.string().optional(),
        mode: healthModeSchema,
      }),
    );
    const matches = worker.versions.filter(
      (v) =>
        v.id === body.version ||
        (body.tag !== undefined && v.annotations["workers/tag"] === body.tag),
    );
    if (matches.length === 0)
      throw new ApiError(
        404,
        10220,
        `no version ${body.version ?? body.tag ?? "(none given)"} in ${worker.name}`,
      );
    for (const v of matches) ctx.state.health.set(v.id, body.mode);
    ctx.state.save();
    return ok({ versions: matches.map((v) => v.id), mode: body.mode });
  }),
  // Seed a version without wrangler (setup of a scenario): created as `versions upload` would,
  // with a D1 binding `DB` to `d1DatabaseId`, and deployed at 100% when `deploy` is true.
  route("POST", "/__double/workers/:script/versions", (ctx) => {
    const body = parseJson(
      ctx,
      z.object({
        tag: z.string().min(1),
        message: z.string().optional(),
        d1DatabaseId: z.string().optional(),
        migrations: z.array(z.string()).optional(),
        health: healthModeSchema.default("ok"),
        deploy: z.boolean().default(false),
      }),
    );
    const name = ctx.params.script as string;
    let worker = ctx.state.workers.get(name);
    if (worker === undefined) {
      worker = newWorker(name);
      ctx.state.workers.set(name, worker);
    }
    const version: WorkerVersion = {
      id: randomUUID(),
      number: worker.versions.length + 1,
      createdOn: new Date().toISOString(),
      source: "cloudflare-double-seed",
      annotations: {
        "workers/triggered_by": "upload",
        "workers/tag": body.tag,
        ...(body.message === undefined
          ? {}
          : { "workers/message": body.message }),
      },
      bindings:
        body.d1DatabaseId === undefined
          ? []
          : [{ type: "d1", name: "DB", id: body.d1DatabaseId }],
      mainModule: "worker.js",
      compatibilityFlags: [],
      health: body.health,
      ...(body.migrations === undefined
        ? {}
        : { expectedMigrations: body.migrations }),
    };
    worker.versions.push(version);
    if (body.deploy)
      addDeployment(
        ctx.state,
        worker,
        [{ version_id: version.id, percentage: 100 }],
        {
          "workers/triggered_by": "deployment",
          ...(body.message === undefined
            ? {}
            : { "workers/message": body.message }),
        },
      );
    ctx.state.save();
    return ok(versionJson(worker, version));
  }),
  // The API requests seen so far (method, path, status), oldest first.
  route("GET", "/__double/requests", (ctx) => ok(ctx.requests)),
];
