/**
 * Reads wrangler's machine output instead of its human logs: the ND-JSON file named by
 * WRANGLER_OUTPUT_FILE_PATH (one JSON object per line, appended per command), and the `--json`
 * stdout of time-travel and deployments commands. Shapes follow wrangler 4.x (see writeOutput()
 * calls in node_modules/wrangler/wrangler-dist/cli.js); unknown entry types are ignored.
 */
import { z } from "zod";

const versionUploadEntrySchema = z.looseObject({
  type: z.literal("version-upload"),
  worker_name: z.string().nullable(),
  version_id: z.string().nullable(),
  preview_url: z.string().nullish(),
  preview_alias_url: z.string().nullish(),
  wrangler_environment: z.string().nullish(),
  bundle_size: z
    .object({ raw_bytes: z.number(), gzip_bytes: z.number() })
    .optional(),
});

const commandFailedEntrySchema = z.looseObject({
  type: z.literal("command-failed"),
  message: z.string(),
  code: z.union([z.number(), z.string()]).optional(),
});

export interface VersionUpload {
  readonly workerName: string | null;
  /** null for `--dry-run`, which bundles but creates no version. */
  readonly versionId: string | null;
  readonly previewUrl: string | null;
  readonly bundleGzipBytes: number | null;
}

/** Parses ND-JSON; a corrupt line is an error with its line number, blank lines are skipped. */
export function parseNdjson(
  text: string,
  source = "wrangler output",
): unknown[] {
  const entries: unknown[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    try {
      entries.push(JSON.parse(line));
    } catch {
      throw new Error(
        `${source}: line ${index + 1} is not JSON (${JSON.stringify(line.slice(0, 40))}) — the file must hold one JSON object per line`,
      );
    }
  });
  return entries;
}

function commandFailure(
  entries: readonly unknown[],
): z.infer<typeof commandFailedEntrySchema> | undefined {
  for (const entry of entries) {
    const failed = commandFailedEntrySchema.safeParse(entry);
    if (failed.success) return failed.data;
  }
  return undefined;
}

export function readCommandFailure(
  entries: readonly unknown[],
): string | undefined {
  return commandFailure(entries)?.message;
}

/** Cloudflare API error codes wrangler treats as "no such Worker" (its isWorkerNotFoundError). */
export const WORKER_NOT_FOUND_CODES: readonly number[] = [10007, 10090];

/** The API error code wrangler recorded for a failed command, matched instead of its wording. */
export function isWorkerNotFound(entries: readonly unknown[]): boolean {
  const code = commandFailure(entries)?.code;
  return code !== undefined && WORKER_NOT_FOUND_CODES.includes(Number(code));
}

const deployEntrySchema = z.looseObject({
  type: z.literal("deploy"),
  worker_name: z.string().nullable(),
  version_id: z.string().nullish(),
  targets: z.array(z.unknown()).nullish(),
});

export interface WorkerDeploy {
  readonly versionId: string | null;
  /** URLs wrangler published the Worker at (workers.dev, routes, custom domains). */
  readonly urls: readonly string[];
}

/** `wrangler deploy`'s entry; absent (older wrangler, dry run) reads as unknown, not as failure. */
export function readDeploy(entries: readonly unknown[]): WorkerDeploy {
  const deploy = entries
    .flatMap((entry) => {
      const parsed = deployEntrySchema.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    })
    .at(-1);
  return {
    versionId: deploy?.version_id ?? null,
    urls: (deploy?.targets ?? []).filter(
      (t): t is string => typeof t === "string" && /^https?:\/\//.test(t),
    ),
  };
}

/** The last version-upload entry wins: the file may hold earlier commands of the same job. */
export function readVersionUpload(
  entries: readonly unknown[],
  source = "wrangler output",
): VersionUpload {
  const uploads = entries.flatMap((entry) => {
    const parsed = versionUploadEntrySchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
  const upload = uploads.at(-1);
  if (upload === undefined) {
    const failure = readCommandFailure(entries);
    throw new Error(
      failure === undefined
        ? `${source}: no "version-upload" entry — check that WRANGLER_OUTPUT_FILE_PATH was set for \`wrangler versions upload\``
        : `${source}: upload failed: ${failure.split("\n")[0]}`,
    );
  }
  return {
    workerName: upload.worker_name,
    versionId: upload.version_id,
    previewUrl: upload.preview_alias_url ?? upload.preview_url ?? null,
    bundleGzipBytes: upload.bundle_size?.gzip_bytes ?? null,
  };
}

/** `--json` output is the JSON document on stdout; wrangler may print a banner line before it. */
export function parseJsonStdout(stdout: string, command: string): unknown {
  const start = stdout.search(/^[[{]/m);
  if (start === -1) {
    throw new Error(
      `wrangler ${command}: no JSON on stdout (${JSON.stringify(stdout.trim().slice(0, 60))}) — run it with --json`,
    );
  }
  try {
    return JSON.parse(stdout.slice(start));
  } catch {
    throw new Error(
      `wrangler ${command}: stdout JSON is malformed (${JSON.stringify(stdout.slice(start, start + 60))})`,
    );
  }
}

function parseWith<T>(schema: z.ZodType<T>, data: unknown, command: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new Error(
    `wrangler ${command}: unexpected JSON at ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"} — has wrangler's output format changed?`,
  );
}

const bookmarkSchema = z.looseObject({ bookmark: z.string().min(1) });
const restoreSchema = z.looseObject({
  bookmark: z.string().min(1),
  previous_bookmark: z.string().min(1),
});

/** `d1 time-travel info --json` → the bookmark that restores the database to this moment. */
export function readBookmark(stdout: string): string {
  return parseWith(
    bookmarkSchema,
    parseJsonStdout(stdout, "d1 time-travel info"),
    "d1 time-travel info",
  ).bookmark;
}

export interface RestoreResult {
  readonly restoredTo: string;
  /** Restoring to this bookmark undoes the restore. */
  readonly undoBookmark: string;
}

export function readRestore(stdout: string): RestoreResult {
  const data = parseWith(
    restoreSchema,
    parseJsonStdout(stdout, "d1 time-travel restore"),
    "d1 time-travel restore",
  );
  return { restoredTo: data.bookmark, undoBookmark: data.previous_bookmark };
}

/** Cloudflare's deployment annotations (wrangler's WorkerDeployment type); all optional. */
const annotationsSchema = z.looseObject({
  "workers/triggered_by": z.string().nullish(),
  /** The id of the deployment a rollback replaced. */
  "workers/rollback_from": z.string().nullish(),
  "workers/message": z.string().nullish(),
});

const deploymentSchema = z.looseObject({
  id: z.string(),
  created_on: z.string(),
  annotations: annotationsSchema.nullish(),
  versions: z
    .array(z.looseObject({ version_id: z.string(), percentage: z.number() }))
    .min(1),
});

export type Deployment = z.infer<typeof deploymentSchema>;

/** The version taking the most traffic: with 100% deploys, the one serving. */
export function servingVersion(deployment: Deployment): string {
  const [top] = [...deployment.versions].sort(
    (a, b) => b.percentage - a.percentage,
  );
  // min(1) in the schema guarantees an element.
  return (top as { version_id: string }).version_id;
}

export function readDeploymentStatus(stdout: string): Deployment {
  return parseWith(
    deploymentSchema,
    parseJsonStdout(stdout, "deployments status"),
    "deployments status",
  );
}

export function readDeploymentList(stdout: string): Deployment[] {
  return parseWith(
    z.array(deploymentSchema),
    parseJsonStdout(stdout, "deployments list"),
    "deployments list",
  );
}

const versionSchema = z.looseObject({
  id: z.string(),
  annotations: z.looseObject({ "workers/tag": z.string().nullish() }).nullish(),
});

/** `versions view <id> --json` → the version's `workers/tag` annotation, if it has one. */
export function readVersionTag(stdout: string): string | undefined {
  const version = parseWith(
    versionSchema,
    parseJsonStdout(stdout, "versions view"),
    "versions view",
  );
  return version.annotations?.["workers/tag"] ?? undefined;
}

const executeSchema = z.array(
  z.looseObject({
    results: z.array(z.record(z.string(), z.unknown())),
    success: z.boolean(),
  }),
);
/**
 * Rows per statement of `d1 execute --json`, in order: one result per statement (remote: the D1
 * query API runs `a; b` as one batch and answers an array of results; local: wrangler batches the
 * split statements the same way).
 */
export function readExecuteResults(
  stdout: string,
): Record<string, unknown>[][] {
  return parseWith(
    executeSchema,
    parseJsonStdout(stdout, "d1 execute"),
    "d1 execute",
  ).map((statement) => statement.results);
}

/** Rows of the last statement of `d1 execute --json`. */
export function readExecuteRows(stdout: string): Record<string, unknown>[] {
  return readExecuteResults(stdout).at(-1) ?? [];
}

/**
 * The API answers these commands print as they came (`--json` logs the `result` raw), for the
 * client's direct reads of the same requests: one schema each way.
 */
export const apiResultSchemas = {
  deployments: z.looseObject({ deployments: z.array(deploymentSchema) }),
  version: versionSchema,
  bookmark: bookmarkSchema,
  query: executeSchema,
} as const;

/** An API `result` checked against its schema; a mismatch names the request and the field. */
export function readApiResult<T>(
  schema: z.ZodType<T>,
  result: unknown,
  request: string,
): T {
  const parsed = schema.safeParse(result);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(
    `${request}: unexpected answer at ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"} — has Cloudflare's API changed?`,
  );
}
