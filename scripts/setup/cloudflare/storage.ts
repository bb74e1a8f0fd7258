/**
 * Each environment's R2 buckets and KV namespaces (environments.ts `bindings.r2` / `bindings.kv`):
 * found by name/title in the account (read-only API lists, one per run) or created with the real
 * wrangler (`r2 bucket create`, `kv namespace create`). A KV namespace's id is then written into
 * wrangler.jsonc's env block (R2 bindings name the bucket, so nothing to write). Re-runs find
 * everything in place: "ok".
 * @see https://developers.cloudflare.com/api/resources/r2/subresources/buckets/methods/list/
 * @see https://developers.cloudflare.com/api/resources/kv/subresources/namespaces/methods/list/
 */
import { readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import type { Environment } from "../../../workflows-src/builders/environment-model";
import type { CloudflareGet } from "../../deploy/cloudflare/api";
import { failureReason, type Wrangler } from "../../deploy/wrangler";
import type { SetupItem } from "../report";
import type { Resource } from "../resources";
import { readKvNamespaceId, writeKvNamespaceId } from "./wrangler-config-kv";

const bucketsSchema = z.looseObject({
  buckets: z.array(
    z.looseObject({ name: z.string(), jurisdiction: z.string().optional() }),
  ),
});
const namespacesSchema = z.array(
  z.looseObject({ id: z.string(), title: z.string() }),
);

export interface StorageOptions {
  readonly get: CloudflareGet;
  readonly accountId: string;
  readonly wrangler: Wrangler;
  /** Absolute path of wrangler.jsonc. */
  readonly configFile: string;
}

async function list<T>(
  get: CloudflareGet,
  path: string,
  schema: z.ZodType<T>,
): Promise<T> {
  const answer = await get(path);
  if (!answer.success)
    throw new Error(
      `GET ${path.replace(/^\/accounts\/[^/]+/, "/accounts/…")} failed: ${answer.error}`,
    );
  return schema.parse(answer.result);
}

/** One listing per run, refreshed after a create (setup.ts's D1 list does the same). */
function cached<T>(load: () => Promise<T>) {
  let value: Promise<T> | undefined;
  return { get: () => (value ??= load()), refresh: () => (value = undefined) };
}

export function storageResources(
  environments: readonly Environment[],
  options: StorageOptions,
): Resource[] {
  const { get, accountId, wrangler } = options;
  const buckets = cached(() =>
    list(get, `/accounts/${accountId}/r2/buckets`, bucketsSchema).then(
      (r) => r.buckets,
    ),
  );
  const namespaces = cached(() =>
    list(
      get,
      `/accounts/${accountId}/storage/kv/namespaces?per_page=100&order=title&direction=asc`,
      namespacesSchema,
    ),
  );
  async function run(args: string[]): Promise<void> {
    const result = await wrangler(args);
    if (result.code !== 0 || result.timedOut)
      throw new Error(
        `wrangler ${args.slice(0, 3).join(" ")} failed: ${failureReason(result)}`,
      );
  }

  const r2 = environments.flatMap((env) =>
    (env.bindings?.r2 ?? []).map((bucket): Resource => {
      const name = `R2 ${bucket.bucketName} (${env.name})`;
      return {
        name,
        inspect: async () => {
          const found = (await buckets.get()).find(
            (b) => b.name === bucket.bucketName,
          );
          if (found)
            return { state: "ok", detail: `bound as ${bucket.binding}` };
          return {
            state: "missing",
            detail: `would create bucket ${bucket.bucketName}${bucket.jurisdiction ? ` (jurisdiction ${bucket.jurisdiction})` : ""}`,
            apply: async (): Promise<SetupItem> => {
              await run([
                "r2",
                "bucket",
                "create",
                bucket.bucketName,
                ...(bucket.jurisdiction
                  ? ["--jurisdiction", bucket.jurisdiction]
                  : []),
              ]);
              buckets.refresh();
              return {
                resource: name,
                state: "created",
                detail: `bucket ${bucket.bucketName}`,
              };
            },
          };
        },
      };
    }),
  );

  const kv = environments.flatMap((env) =>
    (env.bindings?.kv ?? []).map((namespace): Resource => {
      const name = `KV ${namespace.title} (${env.name})`;
      const where = `wrangler.jsonc env.${env.wranglerEnv}.kv_namespaces[${namespace.binding}].id`;
      const configured = () =>
        readKvNamespaceId(
          readFileSync(options.configFile, "utf8"),
          env.wranglerEnv,
          namespace.binding,
        );
      const writeId = (id: string) =>
        writeFileSync(
          options.configFile,
          writeKvNamespaceId(
            readFileSync(options.configFile, "utf8"),
            env.wranglerEnv,
            namespace.binding,
            id,
          ),
        );
      return {
        name,
        inspect: async () => {
          const found = (await namespaces.get()).find(
            (n) => n.title === namespace.title,
          );
          const current = configured();
          if (found && current === found.id)
            return { state: "ok", detail: `${found.id} in ${where}` };
          if (found)
            return {
              state: "differs",
              detail: `${where}: ${current ?? "unset"} → ${found.id}`,
              apply: async (): Promise<SetupItem> => {
                writeId(found.id);
                return {
                  resource: name,
                  state: "updated",
                  detail: `${where} = ${found.id}`,
                };
              },
            };
          return {
            state: "missing",
            detail: `would create namespace "${namespace.title}" and write its id into ${where}`,
            apply: async (): Promise<SetupItem> => {
              await run(["kv", "namespace", "create", namespace.title]);
              namespaces.refresh();
              const created = (await namespaces.get()).find(
                (n) => n.title === namespace.title,
              );
              if (!created)
                throw new Error(
                  `${name}: created, but the namespace list does not show it yet — re-run setup to write its id`,
                );
              writeId(created.id);
              return {
                resource: name,
                state: "created",
                detail: `${created.id}, written to ${where}`,
              };
            },
          };
        },
      };
    }),
  );
  return [...r2, ...kv];
}
