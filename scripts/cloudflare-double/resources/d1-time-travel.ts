/**
 * D1 Time Travel: a bookmark names a snapshot of the database; restore replaces the database with
 * one and answers the bookmark that undoes it (`previous_bookmark`).
 * @see https://developers.cloudflare.com/api/resources/d1/subresources/database/subresources/time_travel/methods/get_bookmark/
 * @see https://developers.cloudflare.com/api/resources/d1/subresources/database/subresources/time_travel/methods/restore/
 */
import { ApiError, CODES, success } from "../envelope";
import { requireAccount, route } from "../router";

export const d1TimeTravelRoutes = [
  // GET /accounts/{account_id}/d1/database/{database_id}/time_travel/bookmark[?timestamp=]
  // (wrangler d1 time-travel info, and restore --timestamp resolves through it)
  route(
    "GET",
    "/accounts/:account/d1/database/:database/time_travel/bookmark",
    (ctx) => {
      requireAccount(ctx);
      const record = ctx.state.d1.get(ctx.params.database as string);
      const timestamp = ctx.query.get("timestamp");
      const found =
        timestamp === null
          ? ctx.state.d1.current(record)
          : ctx.state.d1.at(record, timestamp);
      ctx.state.save();
      return { json: success({ bookmark: found.bookmark }) };
    },
  ),
  // POST /accounts/{account_id}/d1/database/{database_id}/time_travel/restore?bookmark=|timestamp=
  // (wrangler d1 time-travel restore)
  route(
    "POST",
    "/accounts/:account/d1/database/:database/time_travel/restore",
    (ctx) => {
      requireAccount(ctx);
      const record = ctx.state.d1.get(ctx.params.database as string);
      const timestamp = ctx.query.get("timestamp");
      const bookmark =
        ctx.query.get("bookmark") ??
        (timestamp === null
          ? null
          : ctx.state.d1.at(record, timestamp).bookmark);
      if (bookmark === null)
        throw new ApiError(
          400,
          CODES.d1QueryError,
          "Either bookmark or timestamp is required",
        );
      const result = ctx.state.d1.restore(record, bookmark);
      ctx.state.save();
      return { json: success(result) };
    },
  ),
];
