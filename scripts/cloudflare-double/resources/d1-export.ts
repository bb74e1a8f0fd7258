/**
 * D1 export, as `wrangler d1 export --remote` drives it (wrangler src/d1/export.ts, pollExport):
 * POST …/export with `{output_format: "polling", dump_options, current_bookmark?}` answers
 * `{type: "export", at_bookmark, status: "active" | "complete" | "error", messages, result?}`;
 * the first call starts the task (status "active", 202), a call with `current_bookmark` polls it;
 * once "complete", `result: {filename, signed_url}` names a URL wrangler GETs without a token.
 * Shapes from wrangler's tests (src/__tests__/d1/export.test.ts, mockResponses).
 * @see https://developers.cloudflare.com/api/resources/d1/subresources/database/methods/export/
 * The signed URL is served under the control API (`/__double/d1-export/{filename}`): no Cloudflare
 * path exists for it (real ones point at R2), and it needs no token, as a presigned URL does not.
 */
import { z } from "zod";
import type { D1Record } from "../d1-store";
import { ApiError, CODES, success } from "../envelope";
import { parseJson, requireAccount, route } from "../router";
import type { DoubleState } from "../state";

/** Finished dumps per double, by filename (in memory: a presigned URL lives an hour anyway). */
const dumps = new WeakMap<DoubleState, Map<string, string>>();

const exportBody = z.object({
  output_format: z.literal("polling"),
  dump_options: z
    .object({
      no_schema: z.boolean().optional(),
      no_data: z.boolean().optional(),
      tables: z.array(z.string()).optional(),
    })
    .optional(),
  current_bookmark: z.string().optional(),
});

function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number" || typeof value === "bigint")
    return String(value);
  if (value instanceof Uint8Array)
    return `X'${Buffer.from(value).toString("hex")}'`;
  return `'${String(value).replace(/'/g, "''")}'`;
}

/** The database as D1's export writes it: schema, then rows as INSERT statements. */
export function dumpDatabase(
  state: DoubleState,
  record: D1Record,
  options: z.infer<typeof exportBody>["dump_options"] = {},
): string {
  const tables = state.d1
    .read(
      record,
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY rowid",
    )
    .filter(
      (t) =>
        options.tables === undefined ||
        options.tables.length === 0 ||
        options.tables.includes(String(t["name"])),
    );
  const lines = ["PRAGMA defer_foreign_keys=TRUE;"];
  for (const table of tables) {
    const name = String(table["name"]);
    if (!options.no_schema) lines.push(`${String(table["sql"])};`);
    if (options.no_data) continue;
    for (const row of state.d1.read(record, `SELECT * FROM "${name}"`)) {
      const columns = Object.keys(row);
      lines.push(
        `INSERT INTO "${name}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES(${columns.map((c) => literal(row[c])).join(",")});`,
      );
    }
  }
  return lines.join("\n");
}

export const d1ExportRoutes = [
  // POST /accounts/{account_id}/d1/database/{database_id}/export (wrangler d1 export --remote)
  route("POST", "/accounts/:account/d1/database/:database/export", (ctx) => {
    requireAccount(ctx);
    const record = ctx.state.d1.get(ctx.params.database as string);
    const body = parseJson(ctx, exportBody);
    const at = ctx.state.d1.current(record).bookmark;
    const filename = `${record.uuid}-${at}.sql`;
    if (body.current_bookmark === undefined) {
      let byName = dumps.get(ctx.state);
      if (byName === undefined) dumps.set(ctx.state, (byName = new Map()));
      byName.set(filename, dumpDatabase(ctx.state, record, body.dump_options));
      return {
        status: 202,
        json: success({
          success: true,
          type: "export",
          at_bookmark: at,
          status: "active",
          messages: [`Generating ${filename}`],
        }),
      };
    }
    const name = `${record.uuid}-${body.current_bookmark}.sql`;
    if (!dumps.get(ctx.state)?.has(name))
      throw new ApiError(
        400,
        CODES.badRequest,
        `No export in progress at bookmark ${body.current_bookmark}`,
      );
    return {
      json: success({
        success: true,
        type: "export",
        at_bookmark: body.current_bookmark,
        status: "complete",
        result: {
          filename: name,
          signed_url: `http://${ctx.headers.host ?? "127.0.0.1"}/__double/d1-export/${encodeURIComponent(name)}`,
        },
        messages: [`Uploaded part 1`, `Finished uploading ${name} in 1 parts.`],
      }),
    };
  }),
];

export const d1ExportDownloadRoutes = [
  // GET the "presigned URL" an export answered: the SQL itself, no token.
  route("GET", "/__double/d1-export/:file", (ctx) => {
    const sql = dumps.get(ctx.state)?.get(ctx.params.file as string);
    if (sql === undefined)
      return { status: 404, text: "no such export", contentType: "text/plain" };
    return { text: sql, contentType: "application/sql" };
  }),
];
