/**
 * The Cloudflare operations only previews need, like the pipeline's client (cloudflare/client.ts):
 * list (directly through the API when the CLI has it, else `wrangler d1 list`), create and delete
 * D1 databases, and upload a version under a preview alias, over the real wrangler. Each returns
 * data or throws an error in Cloudflare's own words.
 */
import { z } from "zod";
import { succeeding, type Redact } from "../cloudflare";
import type { CloudflareGet } from "../cloudflare/api";
import { listD1Databases } from "../cloudflare/d1-list";
import type { Wrangler } from "../wrangler";
import { REMOTE, versionsUpload, type WranglerScope } from "../wrangler-args";
import {
  parseJsonStdout,
  readVersionUpload,
  type VersionUpload,
} from "../wrangler-output";

export interface D1Database {
  readonly uuid: string;
  readonly name: string;
  /** ISO time (the list's `created_at`); the sweep leaves young databases alone. */
  readonly createdAt?: string | undefined;
}

const listSchema = z.array(
  z.looseObject({
    uuid: z.string(),
    name: z.string(),
    created_at: z.string().optional(),
  }),
);

/** `wrangler d1 list --json` (GET …/d1/database, page by page). */
export function d1ListArgs(): string[] {
  return ["d1", "list", "--json"];
}

/** `wrangler d1 create <name>` (POST …/d1/database). */
export function d1CreateArgs(name: string): string[] {
  return ["d1", "create", name];
}

/**
 * The new database's id from `wrangler d1 create`'s output: wrangler prints the binding snippet to
 * paste into the config (`"database_id": "<uuid>"`, or `database_id = "<uuid>"` for TOML). Undefined
 * when the output has no such line (another wrangler's wording): the caller then lists.
 */
export function createdDatabaseId(stdout: string): string | undefined {
  const ids = [
    ...stdout.matchAll(
      /"?database_id"?\s*[:=]\s*"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"/g,
    ),
  ].map((m) => m[1]);
  return ids.length === 1 ? ids[0] : undefined;
}

/** `wrangler d1 delete <name> --skip-confirmation` (DELETE …/d1/database/{uuid}). */
export function d1DeleteArgs(name: string): string[] {
  return ["d1", "delete", name, "--skip-confirmation"];
}

/** versions upload (wrangler-args.ts) + `--preview-alias`: annotation `workers/alias`. */
export function aliasedUploadArgs(
  scope: WranglerScope,
  options: { tag: string; message: string; alias: string },
): string[] {
  return [
    ...versionsUpload(scope, REMOTE, options),
    "--preview-alias",
    options.alias,
  ];
}

export interface PreviewCloudflare {
  listDatabases(): Promise<D1Database[]>;
  /** Creates `name`; answers its id when wrangler printed it (saves a `d1 list`), else undefined. */
  createDatabase(name: string): Promise<string | undefined>;
  deleteDatabase(name: string): Promise<void>;
  uploadAliased(
    scope: WranglerScope,
    options: { tag: string; message: string; alias: string },
  ): Promise<VersionUpload>;
}

export function createPreviewCloudflare(
  wrangler: Wrangler,
  redact: Redact = (text) => text,
  api?: { readonly get: CloudflareGet; readonly accountId: string },
): PreviewCloudflare {
  const succeed = succeeding(wrangler, redact);
  return {
    async listDatabases() {
      const listed =
        api === undefined
          ? listSchema.parse(
              parseJsonStdout(
                (await succeed(d1ListArgs(), true)).stdout,
                "d1 list",
              ),
            )
          : await listD1Databases(api.get, api.accountId);
      return listed.map((db) => ({
        uuid: db.uuid,
        name: db.name,
        createdAt: db.created_at,
      }));
    },
    async createDatabase(name) {
      return createdDatabaseId((await succeed(d1CreateArgs(name))).stdout);
    },
    async deleteDatabase(name) {
      await succeed(d1DeleteArgs(name));
    },
    async uploadAliased(scope, options) {
      const run = await succeed(aliasedUploadArgs(scope, options));
      return readVersionUpload(run.entries);
    },
  };
}
