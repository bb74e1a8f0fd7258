/**
 * D1 import: what `wrangler d1 execute --remote --file` does (wrangler 4.164, d1/execute.ts):
 * POST …/import {action: "init", etag} → an upload URL; PUT the file there (the answer's ETag must
 * be the file's MD5); POST …/import {action: "ingest", filename, etag} → the file runs as one
 * request (one transaction, like a query) and the answer is already "complete", so wrangler never
 * polls. Shapes from wrangler's client; the endpoint is in Cloudflare's API reference.
 * @see https://developers.cloudflare.com/api/resources/d1/subresources/database/methods/import/
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { ApiError, CODES, success } from "../envelope";
import type { DoubleState } from "../state";
import { parseJson, requireAccount, route } from "../router";

/** Uploaded files per double, by filename (an upload URL lives an hour on Cloudflare anyway). */
const uploads = new WeakMap<DoubleState, Map<string, Buffer>>();

const importBody = z.discriminatedUnion("action", [
  z.object({ action: z.literal("init"), etag: z.string() }),
  z.object({
    action: z.literal("ingest"),
    etag: z.string(),
    filename: z.string(),
  }),
  z.object({ action: z.literal("poll"), current_bookmark: z.string() }),
]);

export const d1ImportRoutes = [
  // POST /accounts/{account_id}/d1/database/{database_id}/import
  route("POST", "/accounts/:account/d1/database/:database/import", (ctx) => {
    requireAccount(ctx);
    const record = ctx.state.d1.get(ctx.params.database as string);
    const body = parseJson(ctx, importBody);
    if (body.action === "init") {
      const filename = `${record.uuid}-${body.etag}.sql`;
      return {
        json: success({
          success: true,
          filename,
          upload_url: `http://${ctx.headers.host ?? "127.0.0.1"}/__double/d1-import/${encodeURIComponent(filename)}`,
        }),
      };
    }
    if (body.action === "poll")
      throw new ApiError(
        400,
        CODES.badRequest,
        "cloudflare-double: ingest completes at once; nothing to poll",
      );
    const file = uploads.get(ctx.state)?.get(body.filename);
    if (file === undefined)
      throw new ApiError(
        400,
        CODES.badRequest,
        `No upload named ${body.filename}`,
      );
    const started = performance.now();
    const results = ctx.state.d1.query(record, file.toString("utf8"));
    ctx.state.save();
    const at = ctx.state.d1.current(record).bookmark;
    return {
      json: success({
        success: true,
        type: "import",
        at_bookmark: at,
        status: "complete",
        messages: [`Imported ${body.filename}`],
        result: {
          num_queries: results.length,
          final_bookmark: at,
          meta: {
            duration: performance.now() - started,
            rows_read: results.reduce((n, r) => n + r.meta.rows_read, 0),
            rows_written: results.reduce((n, r) => n + r.meta.rows_written, 0),
            size_after: results.at(-1)?.meta.size_after ?? 0,
          },
        },
      }),
    };
  }),
];

export const d1ImportUploadRoutes = [
  // PUT to the "presigned URL" init answered: stores the file, answers its MD5 as the ETag.
  route("PUT", "/__double/d1-import/:file", (ctx) => {
    let byName = uploads.get(ctx.state);
    if (byName === undefined) uploads.set(ctx.state, (byName = new Map()));
    byName.set(ctx.params.file as string, ctx.body);
    return {
      text: "",
      contentType: "text/plain",
      headers: {
        etag: `"${createHash("md5").update(ctx.body).digest("hex")}"`,
      },
    };
  }),
];
