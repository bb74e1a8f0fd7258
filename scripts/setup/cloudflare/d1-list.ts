/**
 * Reads `wrangler d1 list --json`: a JSON array of the account's databases (GET
 * /accounts/{account_id}/d1/database, paged by wrangler), printed on stdout.
 */
import { z } from "zod";

const databaseSchema = z.object({
  uuid: z.string(),
  name: z.string(),
  jurisdiction: z.string().nullable().optional(),
});

export type D1Database = z.infer<typeof databaseSchema>;

export function parseD1List(stdout: string): D1Database[] {
  // The array starts a line; a warning before it may hold brackets ("[ERROR]").
  const start = stdout.search(/^\[/m);
  if (start === -1) {
    throw new Error(
      `wrangler d1 list --json printed no JSON array: ${stdout.trim().split("\n")[0] ?? "(nothing)"}`,
    );
  }
  return z.array(databaseSchema).parse(JSON.parse(stdout.slice(start)));
}
