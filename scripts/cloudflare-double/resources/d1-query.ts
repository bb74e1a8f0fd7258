/**
 * D1 query: runs SQL in real SQLite with D1's semantics (one request = one transaction, foreign
 * keys on). A SQL error answers `success: false` with code 7500 and SQLite's message, which
 * wrangler shows as a note: `no such table: d1_migrations: SQLITE_ERROR [code: 7500]`.
 * @see https://developers.cloudflare.com/api/resources/d1/subresources/database/methods/query/
 * @see https://developers.cloudflare.com/api/resources/d1/subresources/database/methods/raw/
 */
import type { SQLInputValue } from "node:sqlite";
import { z } from "zod";
import { success } from "../envelope";
import { parseJson, requireAccount, route } from "../router";

const querySchema = z.object({
  sql: z.string(),
  params: z
    .array(z.union([z.string(), z.number(), z.boolean(), z.null()]))
    .optional(),
});

function bind(
  params: readonly (string | number | boolean | null)[] = [],
): SQLInputValue[] {
  return params.map((p) => (typeof p === "boolean" ? (p ? 1 : 0) : p));
}

export const d1QueryRoutes = [
  // POST /accounts/{account_id}/d1/database/{database_id}/query — rows as objects
  // (wrangler d1 execute --remote --command, d1 migrations apply/list --remote)
  route("POST", "/accounts/:account/d1/database/:database/query", (ctx) => {
    requireAccount(ctx);
    const record = ctx.state.d1.get(ctx.params.database as string);
    const body = parseJson(ctx, querySchema);
    const results = ctx.state.d1.query(record, body.sql, bind(body.params));
    ctx.state.save();
    return { json: success(results) };
  }),
  // POST /accounts/{account_id}/d1/database/{database_id}/raw — rows as arrays with columns
  route("POST", "/accounts/:account/d1/database/:database/raw", (ctx) => {
    requireAccount(ctx);
    const record = ctx.state.d1.get(ctx.params.database as string);
    const body = parseJson(ctx, querySchema);
    const results = ctx.state.d1.query(record, body.sql, bind(body.params));
    ctx.state.save();
    return {
      json: success(
        results.map((r) => {
          const columns = Object.keys(r.results[0] ?? {});
          return {
            ...r,
            results: {
              columns,
              rows: r.results.map((row) => columns.map((c) => row[c])),
            },
          };
        }),
      ),
    };
  }),
];
