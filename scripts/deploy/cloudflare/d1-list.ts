/**
 * The account's D1 databases: GET /accounts/{account_id}/d1/database, page by page — the request
 * `wrangler d1 list --json` makes and prints as is (wrangler 4.164's listDatabases), read here
 * without a wrangler process (~1.5 CPU-s each; setup lists once per run and again after each
 * create, a preview on each push and each sweep). Same token, same base URL switch
 * (CLOUDFLARE_API_BASE_URL) as wrangler.
 * @see https://developers.cloudflare.com/api/resources/d1/subresources/database/methods/list/
 */
import { z } from "zod";
import type { CloudflareGet } from "./api";

const databaseSchema = z.object({
  uuid: z.string(),
  name: z.string(),
  jurisdiction: z.string().nullable().optional(),
  /** ISO time; the preview sweep leaves young databases alone. */
  created_at: z.string().optional(),
});

export type D1Database = z.infer<typeof databaseSchema>;

/** The API's default page size; a shorter page is the last one (as wrangler pages). */
export const D1_PAGE_SIZE = 1000;
/** 50 pages of 1000: more than an account may hold (a runaway server must not loop forever). */
const MAX_PAGES = 50;

/** The list request for one page (accountId as the API names it; page counts from 1). */
export function d1ListPath(accountId: string, page: number): string {
  return `/accounts/${accountId}/d1/database?per_page=${D1_PAGE_SIZE}&page=${page}`;
}

/** One page's `result`: the databases, or an error saying what came instead. */
export function parseD1Page(result: unknown): D1Database[] {
  const parsed = z.array(databaseSchema).safeParse(result);
  if (!parsed.success)
    throw new Error(
      `GET /accounts/…/d1/database answered no list of databases: ${JSON.stringify(result)?.slice(0, 200) ?? "(nothing)"}`,
    );
  return parsed.data;
}

export async function listD1Databases(
  get: CloudflareGet,
  accountId: string,
): Promise<D1Database[]> {
  const all: D1Database[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const answer = await get(d1ListPath(accountId, page));
    if (!answer.success)
      throw new Error(`GET /accounts/…/d1/database failed: ${answer.error}`);
    const databases = parseD1Page(answer.result);
    all.push(...databases);
    if (databases.length < D1_PAGE_SIZE) return all;
  }
  throw new Error(
    `GET /accounts/…/d1/database: more than ${MAX_PAGES} full pages — is the API ignoring ?page=?`,
  );
}
