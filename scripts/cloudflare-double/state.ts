/**
 * Everything the double knows: the account, its API tokens, its workers.dev subdomain, Workers
 * with their versions and deployments, and D1 databases (rows in SQLite files, see d1-store.ts).
 * Workers state is kept in memory and written to `<dir>/state.json` after every change, so a test
 * can read what wrangler did and a restarted double continues where it stopped.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { D1Store, type D1Record } from "./d1-store";
import { permissionSchema, type Permission } from "./permissions";

/** How a version answers /api/health: set per version by a marker in its script or the control API. */
export const healthModeSchema = z.enum([
  "ok",
  /** 503 everywhere: refused before it takes traffic. */
  "unhealthy",
  /** Healthy on its preview URL / override header, 503 on the public URL (fails after promotion). */
  "unhealthy-on-public",
]);
export type HealthMode = z.infer<typeof healthModeSchema>;

export const bindingSchema = z.looseObject({
  type: z.string(),
  name: z.string(),
  id: z.string().optional(),
});
export type Binding = z.infer<typeof bindingSchema>;

export const routeAnswerSchema = z.object({
  status: z.number().int(),
  location: z.string().optional(),
});

export const workerVersionSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  createdOn: z.string(),
  source: z.string(),
  annotations: z.record(z.string(), z.string()),
  bindings: z.array(bindingSchema),
  mainModule: z.string(),
  compatibilityDate: z.string().optional(),
  compatibilityFlags: z.array(z.string()),
  /** Read from the uploaded script's `__CF_DOUBLE__` marker (see traffic/health.ts). */
  health: healthModeSchema,
  /** Migrations the uploaded build expects applied; undefined when the script does not say. */
  expectedMigrations: z.array(z.string()).optional(),
  /**
   * Paths this build answers (marker `routes`), for apps without /api/health: status and redirect
   * target per path; every other path is 404. Undefined: the guestbook's shape (traffic/*).
   */
  routes: z.record(z.string(), routeAnswerSchema).optional(),
  /** The Worker's Durable Object migration tag when this version was uploaded (rollback limit). */
  migrationTag: z.string().optional(),
});
export type WorkerVersion = z.infer<typeof workerVersionSchema>;

export const workerDeploymentSchema = z.object({
  id: z.uuid(),
  createdOn: z.string(),
  source: z.string(),
  strategy: z.literal("percentage"),
  authorEmail: z.string(),
  annotations: z.record(z.string(), z.string()),
  versions: z.array(
    z.object({ version_id: z.string(), percentage: z.number() }),
  ),
});
export type WorkerDeployment = z.infer<typeof workerDeploymentSchema>;

export const workerScriptSchema = z.object({
  name: z.string(),
  createdOn: z.string(),
  modifiedOn: z.string(),
  /** workers.dev route on/off (POST …/subdomain `enabled`). */
  workersDev: z.boolean(),
  /** Preview URLs on/off (POST …/subdomain `previews_enabled`). */
  previews: z.boolean(),
  tags: z.array(z.string()),
  versions: z.array(workerVersionSchema),
  deployments: z.array(workerDeploymentSchema),
  /** Tag of the last Durable Object migration applied (resources/durable-objects.ts). */
  migrationTag: z.string().optional(),
  /** Durable Object classes the migrations so far made this Worker implement. */
  durableObjectClasses: z.array(z.string()).optional(),
});
export type WorkerScript = z.infer<typeof workerScriptSchema>;

export const r2BucketSchema = z.object({
  name: z.string(),
  creation_date: z.string(),
  location: z.string().optional(),
  storage_class: z.string().optional(),
  jurisdiction: z.string().optional(),
  /** Objects uploaded by key (their bytes are not kept: size and MD5 say what arrived). */
  objects: z
    .record(
      z.string(),
      z.object({ size: z.number(), etag: z.string(), uploaded: z.string() }),
    )
    .optional(),
});
export type R2Bucket = z.infer<typeof r2BucketSchema>;

export const kvNamespaceSchema = z.object({
  id: z.string(),
  title: z.string(),
  supports_url_encoding: z.boolean(),
});
export type KvNamespace = z.infer<typeof kvNamespaceSchema>;

const persistedSchema = z.object({
  accountId: z.string(),
  /** Token → its permissions (null: unrestricted). */
  tokens: z.record(z.string(), z.array(permissionSchema).nullable()),
  subdomain: z.string().nullable(),
  workers: z.array(workerScriptSchema),
  d1: z.array(
    z.object({
      uuid: z.string(),
      name: z.string(),
      createdAt: z.string(),
      bookmarks: z.array(
        z.object({ bookmark: z.string(), at: z.string(), file: z.string() }),
      ),
    }),
  ),
  /** Health overrides by version id, set through the control API. */
  health: z.record(z.string(), healthModeSchema),
  r2Buckets: z.array(r2BucketSchema).default([]),
  kvNamespaces: z.array(kvNamespaceSchema).default([]),
});
export type PersistedState = z.infer<typeof persistedSchema>;

export const AUTHOR_EMAIL = "deploy@cloudflare-double.invalid";

export interface StateOptions {
  readonly dir: string;
  readonly accountId: string;
  readonly tokens: readonly string[];
  readonly subdomain: string | null;
}

export class DoubleState {
  accountId: string;
  readonly tokens: Map<string, Permission[] | null>;
  subdomain: string | null;
  readonly workers = new Map<string, WorkerScript>();
  readonly health = new Map<string, HealthMode>();
  /** R2 buckets by name (resources/r2-buckets.ts). */
  readonly r2Buckets = new Map<string, R2Bucket>();
  /** KV namespaces by id (resources/kv-namespaces.ts). */
  readonly kvNamespaces = new Map<string, KvNamespace>();
  readonly d1: D1Store;
  private readonly file: string;

  constructor(options: StateOptions) {
    mkdirSync(options.dir, { recursive: true });
    this.file = join(options.dir, "state.json");
    const saved = existsSync(this.file)
      ? persistedSchema.parse(JSON.parse(readFileSync(this.file, "utf8")))
      : undefined;
    this.accountId = saved?.accountId ?? options.accountId;
    this.tokens = new Map(
      saved === undefined
        ? options.tokens.map((t) => [t, null])
        : Object.entries(saved.tokens),
    );
    this.subdomain = saved === undefined ? options.subdomain : saved.subdomain;
    for (const w of saved?.workers ?? []) this.workers.set(w.name, w);
    for (const [id, mode] of Object.entries(saved?.health ?? {}))
      this.health.set(id, mode);
    for (const b of saved?.r2Buckets ?? []) this.r2Buckets.set(b.name, b);
    for (const n of saved?.kvNamespaces ?? []) this.kvNamespaces.set(n.id, n);
    const records = new Map<string, D1Record>(
      (saved?.d1 ?? []).map((r) => [r.uuid, r]),
    );
    this.d1 = new D1Store(join(options.dir, "d1"), records);
    this.save();
  }

  save(): void {
    const data: PersistedState = {
      accountId: this.accountId,
      tokens: Object.fromEntries(this.tokens),
      subdomain: this.subdomain,
      workers: [...this.workers.values()],
      d1: [...this.d1.records.values()],
      health: Object.fromEntries(this.health),
      r2Buckets: [...this.r2Buckets.values()],
      kvNamespaces: [...this.kvNamespaces.values()],
    };
    writeFileSync(this.file, `${JSON.stringify(data, null, 2)}\n`);
  }

  /** The deployment serving now: the newest one. */
  currentDeployment(worker: WorkerScript): WorkerDeployment | undefined {
    return worker.deployments.at(-1);
  }

  findVersion(worker: WorkerScript, id: string): WorkerVersion | undefined {
    return worker.versions.find((v) => v.id === id);
  }
}
