import { getCloudflareContext } from "@opennextjs/cloudflare";
import { drizzle, type DrizzleD1Database } from "drizzle-orm/d1";
import * as schema from "./schema";

export type Database = DrizzleD1Database<typeof schema>;

/** The request's D1 binding (`DB` in wrangler.jsonc). */
export async function getD1(): Promise<D1Database> {
  const { env } = await getCloudflareContext({ async: true });
  return env.DB;
}

/** Drizzle over the request's D1 binding. Call per request, never at module top level. */
export async function getDb(): Promise<Database> {
  return drizzle(await getD1(), { schema });
}
