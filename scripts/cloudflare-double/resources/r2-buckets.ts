/**
 * R2 buckets of the account: created by `wrangler r2 bucket create` (and `npm run setup`), listed
 * by `wrangler r2 bucket list`, and looked up by `wrangler deploy` when a binding names a
 * `bucket_name` (its provisioning check: a missing bucket would be created). Objects arrive through
 * `wrangler r2 object put` / `r2 bulk put`, which is how OpenNext's `populateCache remote` fills an
 * R2 incremental cache (1.13: `wrangler r2 bulk put`); their size and MD5 are kept, not their bytes.
 * Codes 10004 (exists) / 10005 (bad name) / 10006 (no such bucket) and their messages follow R2's
 * S3-style errors; they are not in the API reference (README: "could not confirm").
 * @see https://developers.cloudflare.com/api/resources/r2/subresources/buckets/
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { ApiError, success } from "../envelope";
import {
  parseJson,
  requireAccount,
  route,
  type RequestContext,
} from "../router";
import type { R2Bucket } from "../state";

const NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

const createSchema = z.looseObject({
  name: z.string(),
  locationHint: z.string().optional(),
  storageClass: z.string().optional(),
});

function jurisdiction(ctx: RequestContext): string | undefined {
  const header = ctx.headers["cf-r2-jurisdiction"];
  return typeof header === "string" && header !== "" ? header : undefined;
}

function bucketJson(b: R2Bucket) {
  return {
    name: b.name,
    creation_date: b.creation_date,
    location: b.location ?? "WEUR",
    storage_class: b.storage_class ?? "Standard",
    ...(b.jurisdiction === undefined ? {} : { jurisdiction: b.jurisdiction }),
  };
}

export const r2BucketRoutes = [
  // POST /accounts/{account_id}/r2/buckets — Create Bucket (`wrangler r2 bucket create`), body
  // `{name, locationHint?, storageClass?}`, jurisdiction in the `cf-r2-jurisdiction` header.
  route("POST", "/accounts/:account/r2/buckets", (ctx) => {
    requireAccount(ctx);
    const body = parseJson(ctx, createSchema);
    if (!NAME.test(body.name))
      throw new ApiError(
        400,
        10005,
        `The specified bucket name is not valid: ${JSON.stringify(body.name)} (3-63 lower-case letters, digits and dashes)`,
      );
    if (ctx.state.r2Buckets.has(body.name))
      throw new ApiError(
        409,
        10004,
        "The bucket you tried to create already exists, and you own it.",
      );
    const place = jurisdiction(ctx);
    const bucket: R2Bucket = {
      name: body.name,
      creation_date: new Date().toISOString(),
      ...(body.locationHint === undefined
        ? {}
        : { location: body.locationHint.toUpperCase() }),
      ...(body.storageClass === undefined
        ? {}
        : { storage_class: body.storageClass }),
      ...(place === undefined ? {} : { jurisdiction: place }),
    };
    ctx.state.r2Buckets.set(bucket.name, bucket);
    ctx.state.save();
    return { json: success(bucketJson(bucket)) };
  }),
  // GET /accounts/{account_id}/r2/buckets — List Buckets: `{buckets: [...]}` (one page: the
  // double never has more than a cursor page of buckets).
  route("GET", "/accounts/:account/r2/buckets", (ctx) => {
    requireAccount(ctx);
    const place = jurisdiction(ctx);
    const buckets = [...ctx.state.r2Buckets.values()]
      .filter((b) => place === undefined || b.jurisdiction === place)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(bucketJson);
    return { json: success({ buckets }) };
  }),
  // GET /accounts/{account_id}/r2/buckets/{bucket_name} — Get Bucket (`wrangler r2 bucket info`,
  // `wrangler deploy`'s provisioning check of an `r2_buckets[].bucket_name`).
  route("GET", "/accounts/:account/r2/buckets/:bucket", (ctx) => {
    requireAccount(ctx);
    const bucket = ctx.state.r2Buckets.get(ctx.params.bucket as string);
    if (bucket === undefined)
      throw new ApiError(404, 10006, "The specified bucket does not exist.");
    return { json: success(bucketJson(bucket)) };
  }),
  // PUT /accounts/{account_id}/r2/buckets/{bucket_name}/objects/{object_key} — upload an object
  // (wrangler's putRemoteObject: the raw body, the key unencoded with its slashes; it reads any 2xx
  // with a body as done and a 404 as "The specified bucket does not exist.").
  route("PUT", "/accounts/:account/r2/buckets/:bucket/objects/*key", (ctx) => {
    requireAccount(ctx);
    const bucket = ctx.state.r2Buckets.get(ctx.params.bucket as string);
    const place = jurisdiction(ctx);
    if (bucket === undefined || (place ?? undefined) !== bucket.jurisdiction)
      throw new ApiError(404, 10006, "The specified bucket does not exist.");
    const key = ctx.params.key as string;
    const object = {
      size: ctx.body.length,
      etag: createHash("md5").update(ctx.body).digest("hex"),
      uploaded: new Date().toISOString(),
    };
    ctx.state.r2Buckets.set(bucket.name, {
      ...bucket,
      objects: { ...bucket.objects, [key]: object },
    });
    ctx.state.save();
    return { json: success({ key, ...object }) };
  }),
];
