/**
 * Workers KV namespaces of the account: created by `wrangler kv namespace create` (and `npm run
 * setup`), listed by `wrangler kv namespace list`. Keys and values are not stored — the pipeline
 * never reads or writes them. Code 10014 for a duplicate title is what wrangler's `kv namespace
 * create` turns into "A KV namespace with the title … already exists" (wrangler src/kv/index.ts);
 * the API's own message is the double's.
 * @see https://developers.cloudflare.com/api/resources/kv/subresources/namespaces/
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { ApiError, success } from "../envelope";
import { parseJson, requireAccount, route } from "../router";
import type { KvNamespace } from "../state";

const createSchema = z.looseObject({ title: z.string().min(1).max(512) });

export const kvNamespaceRoutes = [
  // POST /accounts/{account_id}/storage/kv/namespaces — Create a Namespace, body `{title}`,
  // answers `{id, title, supports_url_encoding}`; titles are unique per account.
  route("POST", "/accounts/:account/storage/kv/namespaces", (ctx) => {
    requireAccount(ctx);
    const { title } = parseJson(ctx, createSchema);
    const taken = [...ctx.state.kvNamespaces.values()].some(
      (n) => n.title === title,
    );
    if (taken)
      throw new ApiError(
        400,
        10014,
        "a namespace with this account ID and title already exists",
      );
    const namespace: KvNamespace = {
      id: randomBytes(16).toString("hex"),
      title,
      supports_url_encoding: true,
    };
    ctx.state.kvNamespaces.set(namespace.id, namespace);
    ctx.state.save();
    return { json: success(namespace) };
  }),
  // GET /accounts/{account_id}/storage/kv/namespaces — List Namespaces, `?page&per_page&order=
  // title&direction=asc` as wrangler's listKVNamespaces pages through them.
  route("GET", "/accounts/:account/storage/kv/namespaces", (ctx) => {
    requireAccount(ctx);
    const perPage = Number(ctx.query.get("per_page") ?? 20) || 20;
    const page = Number(ctx.query.get("page") ?? 1) || 1;
    const all = [...ctx.state.kvNamespaces.values()].sort((a, b) =>
      a.title.localeCompare(b.title),
    );
    if (ctx.query.get("direction") === "desc") all.reverse();
    const items = all.slice((page - 1) * perPage, page * perPage);
    return {
      json: success(items, {
        result_info: {
          page,
          per_page: perPage,
          count: items.length,
          total_count: all.length,
        },
      }),
    };
  }),
];
