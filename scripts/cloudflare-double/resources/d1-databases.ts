/**
 * D1 databases by id or name: list (paginated), create, get, delete (wrangler resolves a binding's
 * database through GET …/d1/database/{id-or-name} before every remote command).
 * @see https://developers.cloudflare.com/api/resources/d1/subresources/database/
 */
import { z } from "zod";
import type { D1Record } from "../d1-store";
import { success } from "../envelope";
import {
  parseJson,
  requireAccount,
  route,
  type RequestContext,
} from "../router";

export function databaseJson(ctx: RequestContext, r: D1Record) {
  return {
    uuid: r.uuid,
    name: r.name,
    created_at: r.createdAt,
    version: "production",
    num_tables: ctx.state.d1.tableCount(r),
    file_size: ctx.state.d1.size(r),
    running_in_region: "WEUR",
    read_replication: { mode: "disabled" },
  };
}

export const d1DatabaseRoutes = [
  // GET /accounts/{account_id}/d1/database — list databases (?name= filters; ?page=&per_page=,
  // default 1 and 1000). wrangler d1 list asks per_page=10 and keeps asking for the next page while
  // the total so far is a multiple of 10, so an unpaginated answer would never end its loop.
  route("GET", "/accounts/:account/d1/database", (ctx) => {
    requireAccount(ctx);
    const name = ctx.query.get("name");
    const all = [...ctx.state.d1.records.values()].filter(
      (r) => name === null || r.name === name,
    );
    const page = Math.max(1, Number(ctx.query.get("page") ?? "1") || 1);
    const perPage = Math.max(
      1,
      Number(ctx.query.get("per_page") ?? "1000") || 1000,
    );
    const items = all.slice((page - 1) * perPage, page * perPage);
    return {
      json: success(
        items.map((r) => databaseJson(ctx, r)),
        {
          result_info: {
            page,
            per_page: perPage,
            count: items.length,
            total_count: all.length,
          },
        },
      ),
    };
  }),
  // POST /accounts/{account_id}/d1/database — create database (wrangler d1 create)
  route("POST", "/accounts/:account/d1/database", (ctx) => {
    requireAccount(ctx);
    const body = parseJson(ctx, z.looseObject({ name: z.string().min(1) }));
    const record = ctx.state.d1.create(body.name);
    ctx.state.save();
    return { json: success(databaseJson(ctx, record)) };
  }),
  // DELETE /accounts/{account_id}/d1/database/{database_id} — delete database (wrangler d1 delete,
  // which resolves the name to the uuid first); result is null.
  // @see https://developers.cloudflare.com/api/resources/d1/subresources/database/methods/delete/
  route("DELETE", "/accounts/:account/d1/database/:database", (ctx) => {
    requireAccount(ctx);
    const record = ctx.state.d1.get(ctx.params.database as string);
    ctx.state.d1.delete(record);
    ctx.state.save();
    return { json: success(null) };
  }),
  // GET /accounts/{account_id}/d1/database/{database_id} — get database (by uuid or name)
  route("GET", "/accounts/:account/d1/database/:database", (ctx) => {
    requireAccount(ctx);
    const record = ctx.state.d1.get(ctx.params.database as string);
    return { json: success(databaseJson(ctx, record)) };
  }),
];
