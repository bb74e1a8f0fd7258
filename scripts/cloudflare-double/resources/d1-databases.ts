/**
 * D1 databases by id or name: list, create, get (wrangler resolves a binding's database through
 * GET …/d1/database/{id-or-name} before every remote command).
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
  // GET /accounts/{account_id}/d1/database — list databases (?name= filters; wrangler d1 list)
  route("GET", "/accounts/:account/d1/database", (ctx) => {
    requireAccount(ctx);
    const name = ctx.query.get("name");
    const all = [...ctx.state.d1.records.values()].filter(
      (r) => name === null || r.name === name,
    );
    return {
      json: success(
        all.map((r) => databaseJson(ctx, r)),
        {
          result_info: {
            page: 1,
            per_page: all.length,
            count: all.length,
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
  // GET /accounts/{account_id}/d1/database/{database_id} — get database (by uuid or name)
  route("GET", "/accounts/:account/d1/database/:database", (ctx) => {
    requireAccount(ctx);
    const record = ctx.state.d1.get(ctx.params.database as string);
    return { json: success(databaseJson(ctx, record)) };
  }),
];
