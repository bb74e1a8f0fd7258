/**
 * What the Workers upload API checks of an upload's Durable Objects and bindings.
 * Durable Objects: a Worker has a migration tag and the set
 * of classes its migrations made Durable Objects. A `wrangler deploy` upload (PUT …/scripts/:name)
 * may carry `metadata.migrations` = `{old_tag?, new_tag, steps[]}`; a version upload (POST
 * …/versions) may not. Bindings of type `durable_object_namespace` to this Worker's own classes must
 * name a class the migrations created, exported by the main module; `service` bindings must name
 * an existing Worker or the Worker itself (WORKER_SELF_REFERENCE); `kv_namespace` bindings must
 * name a namespace of the account. (R2 bucket names are checked by wrangler itself before upload:
 * GET …/r2/buckets/:name, see r2-buckets.ts.)
 *
 * Shapes and codes:
 * - migrations metadata: wrangler's getMigrationsToUpload (packages/deploy-helpers/src/deploy/
 *   helpers/durable.ts) and its tests (`__tests__/deploy/durable-objects.test.ts`, "should upload
 *   migrations past a previously uploaded tag": `{old_tag:"v1", new_tag:"v2", steps:[…]}`).
 * - the Worker's tag: GET …/workers/services/:name → `default_environment.script.migration_tag`
 *   (wrangler reads it there; workers-scripts.ts answers it).
 * - 10079 "Migration tag precondition failed; current tag is 'v1'" (workers-sdk#705, #6953).
 * - 10211 version upload with a migration (cloudflare-docs#32982, message quoted there).
 * - 10061 binding to a class no migration created (workers-sdk#10034, #10246).
 * - 10042 "KV namespace '…' is not valid. Please verify the namespace_id in your configuration."
 *   (workers-sdk#14249).
 * - 10143 service binding to a missing Worker (message as quoted in FxEmbed/FxEmbed#1288).
 * - 10074 new-class migration of a class that already exists: code from reports of replayed
 *   migrations (elizaOS/eliza#23975, iterate/iterate#1652); the message is the double's.
 * - rollback/versions deploy across a migration: refused per the Rollbacks page ("rollbacks will
 *   not be allowed if a Durable Object migration has occurred between the version in the active
 *   deployment and the version selected"); code 10223 and message are the double's (assumed).
 * @see https://developers.cloudflare.com/durable-objects/reference/durable-object-class-migrations-legacy/
 * @see https://developers.cloudflare.com/workers/configuration/versions-and-deployments/rollbacks/
 */
import { z } from "zod";
import { ApiError } from "../envelope";
import type { Binding, DoubleState, WorkerScript } from "../state";

export const UPLOAD_CODES = {
  tagPrecondition: 10079,
  versionUploadWithMigration: 10211,
  classNotDurableObject: 10061,
  classAlreadyExists: 10074,
  serviceNotFound: 10143,
  kvNamespaceInvalid: 10042,
  /** Assumed: the API's code for a deployment across a Durable Object migration is not public. */
  acrossMigration: 10223,
} as const;

const renameSchema = z.object({ from: z.string(), to: z.string() });
const transferSchema = z.object({
  from: z.string(),
  from_script: z.string(),
  to: z.string(),
});
export const migrationStepSchema = z.looseObject({
  new_classes: z.array(z.string()).optional(),
  new_sqlite_classes: z.array(z.string()).optional(),
  renamed_classes: z.array(renameSchema).optional(),
  deleted_classes: z.array(z.string()).optional(),
  transferred_classes: z.array(transferSchema).optional(),
});
export const migrationsSchema = z.looseObject({
  old_tag: z.string().optional(),
  new_tag: z.string().optional(),
  steps: z.array(migrationStepSchema).default([]),
});
export type UploadMigrations = z.infer<typeof migrationsSchema>;

function bad(code: number, message: string): ApiError {
  return new ApiError(400, code, message);
}

/** The classes after `steps`, or the API's refusal. Pure: the Worker is changed by the caller. */
export function classesAfter(
  before: readonly string[],
  steps: UploadMigrations["steps"],
): string[] {
  const classes = new Set(before);
  for (const step of steps) {
    for (const name of [
      ...(step.new_classes ?? []),
      ...(step.new_sqlite_classes ?? []),
    ]) {
      if (classes.has(name))
        throw bad(
          UPLOAD_CODES.classAlreadyExists,
          `Cannot apply new-class migration to class '${name}': it is already a Durable Object class of this script`,
        );
      classes.add(name);
    }
    for (const { from, to } of step.renamed_classes ?? []) {
      if (!classes.has(from))
        throw bad(
          UPLOAD_CODES.classNotDurableObject,
          `Cannot apply rename migration to class '${from}': it is not a Durable Object class of this script`,
        );
      classes.delete(from);
      classes.add(to);
    }
    for (const name of step.deleted_classes ?? []) {
      if (!classes.has(name))
        throw bad(
          UPLOAD_CODES.classNotDurableObject,
          `Cannot apply delete migration to class '${name}': it is not a Durable Object class of this script`,
        );
      classes.delete(name);
    }
    for (const { to } of step.transferred_classes ?? []) classes.add(to);
  }
  return [...classes].sort();
}

/** `export class X`, `export { X }` or `export { Y as X }` in the uploaded main module. */
export function exportsName(source: string, name: string): boolean {
  const id = name.replace(/[$]/g, "\\$");
  if (new RegExp(`export\\s+(?:default\\s+)?class\\s+${id}\\b`).test(source))
    return true;
  for (const list of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    const names = (list[1] ?? "").split(",").map((part) => {
      const words = part.trim().split(/\s+as\s+/);
      return (words[1] ?? words[0] ?? "").trim();
    });
    if (names.includes(name)) return true;
  }
  return false;
}

function checkBindings(
  state: DoubleState,
  worker: WorkerScript,
  bindings: readonly Binding[],
  classes: readonly string[],
  source: string,
): void {
  for (const binding of bindings) {
    if (binding.type === "durable_object_namespace") {
      const className = String(binding["class_name"] ?? "");
      const script = binding["script_name"];
      if (script !== undefined && script !== worker.name) continue;
      if (!classes.includes(className))
        throw bad(
          UPLOAD_CODES.classNotDurableObject,
          `Cannot create binding for class '${className}' because it is not currently configured to implement Durable Objects. Ensure a --new-class migration has been applied to it.`,
        );
      if (!exportsName(source, className))
        throw bad(
          UPLOAD_CODES.classNotDurableObject,
          `Cannot create binding for class ${className} that is not exported by the script`,
        );
    }
    if (binding.type === "kv_namespace") {
      const id = String(binding["namespace_id"] ?? "");
      if (!state.kvNamespaces.has(id))
        throw bad(
          UPLOAD_CODES.kvNamespaceInvalid,
          `KV namespace '${id}' is not valid. Please verify the namespace_id in your configuration.`,
        );
    }
    if (binding.type === "service") {
      const target = String(binding["service"] ?? "");
      if (target !== worker.name && !state.workers.has(target))
        throw bad(
          UPLOAD_CODES.serviceNotFound,
          `Could not resolve service binding '${binding.name}'. Target script '${target}' not found. Please verify the target script and try again.`,
        );
    }
  }
}

export interface UploadFacts {
  readonly bindings: readonly Binding[];
  readonly migrations: UploadMigrations | undefined;
  /** The main module's source, for the exported-class check. */
  readonly source: string;
}

/**
 * A `wrangler deploy` upload: checks the tag precondition and the bindings, then records the new
 * tag and classes on the Worker. Call before the version is added, so a refusal changes nothing.
 */
export function applyDeployUpload(
  state: DoubleState,
  worker: WorkerScript,
  upload: UploadFacts,
): void {
  const current = worker.migrationTag;
  const m = upload.migrations;
  if (m !== undefined && (m.old_tag ?? undefined) !== current)
    throw bad(
      UPLOAD_CODES.tagPrecondition,
      current === undefined
        ? `Migration tag precondition failed; the script has no migration tag, but old_tag is '${m.old_tag}'`
        : `Migration tag precondition failed; current tag is '${current}'`,
    );
  const classes = classesAfter(
    worker.durableObjectClasses ?? [],
    m?.steps ?? [],
  );
  checkBindings(state, worker, upload.bindings, classes, upload.source);
  worker.durableObjectClasses = classes;
  if (m?.new_tag !== undefined) worker.migrationTag = m.new_tag;
}

/** A `wrangler versions upload`: migrations are refused; bindings must fit the current classes. */
export function checkVersionUpload(
  state: DoubleState,
  worker: WorkerScript,
  upload: UploadFacts,
): void {
  if (upload.migrations !== undefined)
    throw bad(
      UPLOAD_CODES.versionUploadWithMigration,
      "Version upload failed. You attempted to upload a version of a Worker that includes a Durable Object migration, but migrations must be fully applied via a non-versioned deployment. Refer to the documentation for more information.",
    );
  checkBindings(
    state,
    worker,
    upload.bindings,
    worker.durableObjectClasses ?? [],
    upload.source,
  );
}

/** Versions uploaded under another migration tag cannot serve (rollback or versions deploy). */
export function checkSameMigration(
  worker: WorkerScript,
  version: { id: string; migrationTag?: string | undefined },
): void {
  if (
    (version.migrationTag ?? undefined) === (worker.migrationTag ?? undefined)
  )
    return;
  throw bad(
    UPLOAD_CODES.acrossMigration,
    `Version ${version.id} was uploaded at Durable Object migration tag '${version.migrationTag ?? "(none)"}', but the Worker is at '${worker.migrationTag ?? "(none)"}': a Durable Object migration occurred between them, so it cannot be deployed or rolled back to`,
  );
}
