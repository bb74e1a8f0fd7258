/**
 * Reads a Worker upload (multipart form: a `metadata` JSON part plus one part per module), shared
 * by `PUT …/workers/scripts/:name` (wrangler deploy) and `POST …/versions` (wrangler versions
 * upload). Keeps what the double needs: bindings, annotations, compatibility settings, and the
 * `__CF_DOUBLE__` marker a fixture script carries to script its health.
 * @see https://developers.cloudflare.com/api/resources/workers/subresources/scripts/methods/update/
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ApiError, CODES } from "../envelope";
import { parseForm, type RequestContext } from "../router";
import { migrationsSchema, type UploadFacts } from "./upload-rules";
import {
  AUTHOR_EMAIL,
  bindingSchema,
  healthModeSchema,
  routeAnswerSchema,
  type WorkerScript,
  type WorkerVersion,
} from "../state";

const metadataSchema = z.looseObject({
  main_module: z.string().optional(),
  body_part: z.string().optional(),
  bindings: z.array(bindingSchema).default([]),
  compatibility_date: z.string().optional(),
  compatibility_flags: z.array(z.string()).default([]),
  annotations: z.record(z.string(), z.string().optional()).optional(),
  migrations: migrationsSchema.optional(),
});

/** `const __CF_DOUBLE__ = {"health":"unhealthy","migrations":[…]}` in a fixture's worker.js. */
const markerSchema = z.looseObject({
  health: healthModeSchema.default("ok"),
  migrations: z.array(z.string()).optional(),
  routes: z.record(z.string(), routeAnswerSchema).optional(),
});
const MARKER = /__CF_DOUBLE__\s*=\s*(\{[^\n]*\})/;

export interface ParsedUpload {
  readonly mainModule: string;
  readonly metadata: z.infer<typeof metadataSchema>;
  readonly marker: z.infer<typeof markerSchema>;
  /** The main module's source (durable-objects.ts checks the classes it exports). */
  readonly source: string;
}

/** What durable-objects.ts checks of an upload. */
export function uploadFacts(upload: ParsedUpload): UploadFacts {
  return {
    bindings: upload.metadata.bindings,
    migrations: upload.metadata.migrations,
    source: upload.source,
  };
}

export async function readUpload(ctx: RequestContext): Promise<ParsedUpload> {
  const form = await parseForm(ctx);
  const rawMetadata = form.get("metadata");
  const metadataText =
    typeof rawMetadata === "string" ? rawMetadata : await rawMetadata?.text();
  if (metadataText === undefined)
    throw new ApiError(400, CODES.badRequest, "Missing metadata part");
  const metadata = metadataSchema.parse(JSON.parse(metadataText));
  const mainName = metadata.main_module ?? metadata.body_part ?? "";
  const mainPart = form.get(mainName);
  const mainModule =
    typeof mainPart === "string" ? mainPart : ((await mainPart?.text()) ?? "");
  if (mainModule === "")
    throw new ApiError(
      400,
      CODES.badRequest,
      `No module named ${JSON.stringify(mainName)} in the upload`,
    );
  const found = MARKER.exec(mainModule)?.[1];
  const marker = markerSchema.parse(
    found === undefined ? {} : JSON.parse(found),
  );
  return { mainModule: mainName, metadata, marker, source: mainModule };
}

export function addVersion(
  worker: WorkerScript,
  upload: ParsedUpload,
  triggeredBy: string,
): WorkerVersion {
  const annotations: Record<string, string> = {
    "workers/triggered_by": triggeredBy,
  };
  for (const [key, value] of Object.entries(upload.metadata.annotations ?? {}))
    if (value !== undefined && value !== "") annotations[key] = value;
  const version: WorkerVersion = {
    id: randomUUID(),
    number: worker.versions.length + 1,
    createdOn: new Date().toISOString(),
    source: "wrangler",
    annotations,
    bindings: upload.metadata.bindings,
    mainModule: upload.mainModule,
    ...(upload.metadata.compatibility_date === undefined
      ? {}
      : { compatibilityDate: upload.metadata.compatibility_date }),
    compatibilityFlags: upload.metadata.compatibility_flags,
    health: upload.marker.health,
    ...(upload.marker.migrations === undefined
      ? {}
      : { expectedMigrations: upload.marker.migrations }),
    ...(upload.marker.routes === undefined
      ? {}
      : { routes: upload.marker.routes }),
    ...(worker.migrationTag === undefined
      ? {}
      : { migrationTag: worker.migrationTag }),
  };
  worker.versions.push(version);
  worker.modifiedOn = version.createdOn;
  return version;
}

export function newWorker(name: string): WorkerScript {
  const now = new Date().toISOString();
  return {
    name,
    createdOn: now,
    modifiedOn: now,
    // A new Worker gets a workers.dev route and preview URLs unless the config says otherwise.
    workersDev: true,
    previews: true,
    tags: [],
    versions: [],
    deployments: [],
  };
}

/** Cloudflare's Version object (wrangler's ApiVersion type). */
export function versionJson(worker: WorkerScript, v: WorkerVersion) {
  return {
    id: v.id,
    number: v.number,
    metadata: {
      created_on: v.createdOn,
      modified_on: v.createdOn,
      source: v.source,
      author_id: "cloudflare-double",
      author_email: AUTHOR_EMAIL,
      has_preview: worker.previews,
    },
    annotations: v.annotations,
    resources: {
      bindings: v.bindings,
      script: {
        etag: v.id.replaceAll("-", ""),
        handlers: ["fetch"],
        last_deployed_from: "wrangler",
      },
      script_runtime: {
        compatibility_date: v.compatibilityDate,
        compatibility_flags: v.compatibilityFlags,
        usage_model: "standard",
        limits: {},
      },
    },
    startup_time_ms: 1,
  };
}
