/**
 * One typed function per Cloudflare operation the pipeline performs. Writes build their argv
 * (wrangler-args.ts), run the real wrangler, and parse its machine output (wrangler-output.ts).
 * Remote reads — the serving deployment, a version's tag, the D1 bookmark, a query — go straight
 * to the API wrangler itself calls for them, with the same request and the same answer, when the
 * client has API access and the config names the Worker and database (scope-resources.ts);
 * otherwise through wrangler as well. Either way they return data or throw a CloudflareError that
 * carries the API's code and notes. release, migrate and rollback then read as domain steps.
 */
import { readFileSync } from "node:fs";
import type { z } from "zod";
import type { Wrangler, WranglerRun } from "../wrangler";
import {
  d1Export,
  d1ExecuteJson,
  d1MigrationsApply,
  deployNewWorker,
  deploymentsList,
  deploymentsStatus,
  REMOTE,
  rollback,
  timeTravelInfo,
  timeTravelRestore,
  versionsDeploy,
  versionsUpload,
  versionsView,
  type RecoveryPoint,
  type Target,
  type VersionTraffic,
  type WranglerScope,
} from "../wrangler-args";
import {
  readBookmark,
  readDeploy,
  readDeploymentList,
  readDeploymentStatus,
  readExecuteResults,
  readRestore,
  readVersionTag,
  readVersionUpload,
  apiResultSchemas,
  readApiResult,
  WORKER_NOT_FOUND_CODES,
  type Deployment,
  type RestoreResult,
  type VersionUpload,
  type WorkerDeploy,
} from "../wrangler-output";
import type { CloudflareAnswer, CloudflareRequest } from "./api";
import { CloudflareError } from "./cloudflare-error";
import {
  migrationState,
  readWorkerMigrations,
  workerMigrationTag,
  type MigrationState,
} from "./durable-object-migrations";
import type { Redact } from "./redact";
import { autoconfigOff } from "../wrangler-version";
import type { ScopeResources } from "./scope-resources";

export type DeploymentState =
  | { readonly kind: "serving"; readonly deployment: Deployment }
  /** The Worker exists but was never deployed (only uploaded versions). */
  | { readonly kind: "no-deployments" }
  /** Cloudflare answered 10007/10090: the first release must create the Worker. */
  | { readonly kind: "no-worker" };

export interface CloudflareClient {
  deploymentState(scope: WranglerScope): Promise<DeploymentState>;
  listDeployments(scope: WranglerScope): Promise<Deployment[]>;
  /** The `workers/tag` annotation of a version (our releases tag it with the commit SHA). */
  versionTag(
    scope: WranglerScope,
    versionId: string,
  ): Promise<string | undefined>;
  uploadVersion(
    scope: WranglerScope,
    options: { tag: string; message: string },
  ): Promise<VersionUpload>;
  deployVersions(
    scope: WranglerScope,
    traffic: readonly VersionTraffic[],
    message: string,
  ): Promise<void>;
  rollback(
    scope: WranglerScope,
    versionId: string,
    message: string,
  ): Promise<void>;
  /**
   * Durable Object migrations of the env's Worker: wrangler config tags against the Worker's tag
   * on Cloudflare (needs the `api` option).
   */
  durableObjectMigrations(
    scope: WranglerScope,
    configFile: string,
  ): Promise<{ workerName: string; state: MigrationState }>;
  /**
   * `wrangler deploy` of an existing Worker: the only upload that applies pending Durable Object
   * migrations (versions upload refuses them). Uploads, migrates and serves at 100% in one step.
   */
  deployWithMigrations(
    scope: WranglerScope,
    options: { tag: string; message: string },
  ): Promise<WorkerDeploy>;
  /** Creates a Worker that does not exist yet (first deployment of an environment). */
  createWorker(
    scope: WranglerScope,
    options: { tag: string; message: string },
  ): Promise<WorkerDeploy>;
  query(
    scope: WranglerScope,
    target: Target,
    sql: string,
  ): Promise<Record<string, unknown>[]>;
  /**
   * Each statement's rows, in order, from one `d1 execute`: D1 runs the statements as one batch,
   * all or nothing, so one wrangler call reads several tables (or writes, then reads back).
   */
  queries(
    scope: WranglerScope,
    target: Target,
    statements: readonly string[],
  ): Promise<Record<string, unknown>[][]>;
  /** Names in wrangler's d1_migrations table; [] before the first apply created it. */
  appliedMigrations(scope: WranglerScope, target: Target): Promise<string[]>;
  applyMigrations(scope: WranglerScope, target: Target): Promise<void>;
  /** The Time Travel bookmark of the database as it is now, or at a time (`info --timestamp`). */
  bookmark(scope: WranglerScope, at?: { timestamp: string }): Promise<string>;
  /** The whole remote database as SQL in `output` (schema and rows). */
  exportDatabase(scope: WranglerScope, output: string): Promise<void>;
  restore(scope: WranglerScope, point: RecoveryPoint): Promise<RestoreResult>;
}

export interface ClientOptions {
  readonly wrangler: Wrangler;
  /** The repository's wrangler version (wrangler-version.ts): which flags `wrangler deploy` takes. */
  readonly wranglerVersion?: string;
  readonly redact?: Redact;
  /**
   * Direct API access: reads no wrangler command prints (a Worker's Durable Object migration tag),
   * and the remote reads of the scopes `resources` resolves (without it, those go through wrangler).
   */
  readonly api?: {
    readonly get: CloudflareRequest;
    readonly accountId: string;
    readonly resources?: (scope: WranglerScope) => ScopeResources;
  };
}

const NO_DEPLOYMENTS = /has no deployments/i;
/** A `migrations` key in JSON(C) or TOML (`migrations_dir` of D1 does not count). */
const MIGRATIONS_KEY =
  /"migrations"\s*:|^\s*\[\[(?:env\.[\w-]+\.)?migrations\]\]/m;
const NO_MIGRATIONS_TABLE = /no such table: d1_migrations/;

export const APPLIED_MIGRATIONS_SQL =
  "SELECT name FROM d1_migrations ORDER BY id";

/** A wrangler runner that returns the run, or throws the typed error with the API's own words. */
export function succeeding(
  wrangler: Wrangler,
  redact: Redact,
): (args: readonly string[], quiet?: boolean) => Promise<WranglerRun> {
  return async (args, quiet = false) => {
    const run = await wrangler(args, { quiet });
    if (run.code !== 0 || run.timedOut) throw new CloudflareError(run, redact);
    return run;
  };
}

export function createCloudflareClient(
  options: ClientOptions,
): CloudflareClient {
  const redact = options.redact ?? ((text: string) => text);
  const { wrangler } = options;

  const succeed = succeeding(wrangler, redact);
  const deployFlags =
    options.wranglerVersion === undefined
      ? {}
      : { autoconfigOff: autoconfigOff(options.wranglerVersion) };

  const api = options.api;
  /** The scope's Worker or database when the API can be asked directly; undefined: use wrangler. */
  function direct(
    scope: WranglerScope,
    key: keyof ScopeResources,
  ): string | undefined {
    return api?.resources?.(scope)[key];
  }

  /**
   * One API request (`path` under the account; `shown` names it without the account id), its
   * result checked against `schema`; Cloudflare's refusal becomes the CloudflareError wrangler's
   * would have been.
   */
  async function request<T>(
    scope: WranglerScope,
    schema: z.ZodType<T>,
    shown: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    if (api === undefined) throw new Error(`${shown}: no API access`);
    // The account wrangler would use: the config's account_id before CLOUDFLARE_ACCOUNT_ID.
    const account = direct(scope, "accountId") ?? api.accountId;
    const answer: CloudflareAnswer = await api.get(
      `/accounts/${account}${path}`,
      body === undefined ? undefined : { body },
    );
    if (!answer.success)
      throw new CloudflareError({ request: shown, answer }, redact);
    return readApiResult(schema, answer.result, shown);
  }

  const scriptPath = (worker: string) =>
    `/workers/scripts/${encodeURIComponent(worker)}`;
  const databasePath = (id: string) => `/d1/database/${encodeURIComponent(id)}`;

  /** Newest first, as the API answers and `deployments status` takes `.at(0)`. */
  async function deploymentsOf(
    scope: WranglerScope,
    worker: string,
  ): Promise<Deployment[]> {
    const result = await request(
      scope,
      apiResultSchemas.deployments,
      `GET /accounts/…/workers/scripts/${worker}/deployments`,
      `${scriptPath(worker)}/deployments`,
    );
    return result.deployments;
  }

  /** POST …/query, as `wrangler d1 execute --remote --command` sends it (CRLF folded to LF). */
  async function remoteQuery(
    scope: WranglerScope,
    databaseId: string,
    sql: string,
  ): Promise<Record<string, unknown>[][]> {
    const result = await request(
      scope,
      apiResultSchemas.query,
      `POST /accounts/…/d1/database/${databaseId}/query`,
      `${databasePath(databaseId)}/query`,
      { sql: sql.replace(/\r\n/g, "\n") },
    );
    return result.map((statement) => statement.results);
  }

  async function executeResults(
    scope: WranglerScope,
    target: Target,
    sql: string,
  ): Promise<Record<string, unknown>[][]> {
    const databaseId =
      target.kind === "remote" ? direct(scope, "databaseId") : undefined;
    if (databaseId !== undefined) return remoteQuery(scope, databaseId, sql);
    const run = await succeed(d1ExecuteJson(scope, target, sql), true);
    return readExecuteResults(run.stdout);
  }

  async function queries(
    scope: WranglerScope,
    target: Target,
    statements: readonly string[],
  ) {
    const results = await executeResults(scope, target, statements.join("; "));
    if (results.length !== statements.length)
      throw new Error(
        `wrangler d1 execute --json answered ${results.length} result(s) for ${statements.length} statement(s) — expected one per statement`,
      );
    return results;
  }

  async function query(scope: WranglerScope, target: Target, sql: string) {
    return (await executeResults(scope, target, sql)).at(-1) ?? [];
  }

  return {
    async deploymentState(scope) {
      const worker = direct(scope, "workerName");
      try {
        if (worker !== undefined) {
          // `deployments status` takes the newest; none is its "has no deployments" refusal.
          const latest = (await deploymentsOf(scope, worker)).at(0);
          return latest === undefined
            ? { kind: "no-deployments" }
            : { kind: "serving", deployment: latest };
        }
        const run = await succeed(deploymentsStatus(scope, REMOTE), true);
        return {
          kind: "serving",
          deployment: readDeploymentStatus(run.stdout),
        };
      } catch (error) {
        if (!(error instanceof CloudflareError)) throw error;
        if (
          error.code !== undefined &&
          WORKER_NOT_FOUND_CODES.includes(error.code)
        )
          return { kind: "no-worker" };
        if (NO_DEPLOYMENTS.test(error.message))
          return { kind: "no-deployments" };
        throw error;
      }
    },
    async listDeployments(scope) {
      const worker = direct(scope, "workerName");
      if (worker === undefined) {
        const run = await succeed(deploymentsList(scope, REMOTE), true);
        return readDeploymentList(run.stdout);
      }
      // `deployments list --json` prints them oldest first.
      return (await deploymentsOf(scope, worker)).sort((a, b) =>
        a.created_on.localeCompare(b.created_on),
      );
    },
    async versionTag(scope, versionId) {
      const worker = direct(scope, "workerName");
      if (worker === undefined) {
        const run = await succeed(versionsView(scope, REMOTE, versionId), true);
        return readVersionTag(run.stdout);
      }
      const version = await request(
        scope,
        apiResultSchemas.version,
        `GET /accounts/…/workers/scripts/${worker}/versions/${versionId}`,
        `${scriptPath(worker)}/versions/${encodeURIComponent(versionId)}`,
      );
      return version.annotations?.["workers/tag"] ?? undefined;
    },
    async uploadVersion(scope, upload) {
      const run = await succeed(versionsUpload(scope, REMOTE, upload));
      const result = readVersionUpload(run.entries);
      if (result.versionId === null)
        throw new Error(
          "wrangler versions upload reported no version id — was it a dry run?",
        );
      return result;
    },
    async deployVersions(scope, traffic, message) {
      await succeed(versionsDeploy(scope, REMOTE, traffic, message));
    },
    async rollback(scope, versionId, message) {
      await succeed(rollback(scope, REMOTE, versionId, message));
    },
    async durableObjectMigrations(scope, configFile) {
      // Most Workers have no Durable Objects: spare them wrangler's ~2 s config-reader import.
      if (!MIGRATIONS_KEY.test(readFileSync(configFile, "utf8")))
        return {
          workerName: "",
          state: { kind: "none", tag: undefined },
        };
      const config = await readWorkerMigrations(configFile, scope.wranglerEnv);
      if (config.tags.length === 0)
        return {
          workerName: config.workerName,
          state: { kind: "none", tag: undefined },
        };
      if (options.api === undefined)
        throw new Error(
          `${configFile} declares Durable Object migrations, but the Cloudflare client has no API access to read ${config.workerName}'s migration tag — set CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID`,
        );
      const tag = await workerMigrationTag(
        options.api.get,
        options.api.accountId,
        config.workerName,
      );
      return {
        workerName: config.workerName,
        state: migrationState(config.tags, tag),
      };
    },
    async deployWithMigrations(scope, deploy) {
      const run = await succeed(
        deployNewWorker(scope, REMOTE, { ...deploy, ...deployFlags }),
      );
      return readDeploy(run.entries);
    },
    async createWorker(scope, deploy) {
      const run = await succeed(
        deployNewWorker(scope, REMOTE, { ...deploy, ...deployFlags }),
      );
      return readDeploy(run.entries);
    },
    query,
    queries,
    async appliedMigrations(scope, target) {
      try {
        const rows = await query(scope, target, APPLIED_MIGRATIONS_SQL);
        return rows.map((row) => String(row["name"]));
      } catch (error) {
        // A new database has no d1_migrations table until the first apply creates it: locally
        // wrangler says so in error.text, remotely only in the API's notes.
        if (
          error instanceof CloudflareError &&
          NO_MIGRATIONS_TABLE.test(
            [error.failure.text, ...error.notes].join("\n"),
          )
        )
          return [];
        throw error;
      }
    },
    async applyMigrations(scope, target) {
      await succeed(d1MigrationsApply(scope, target));
    },
    async bookmark(scope, at) {
      const databaseId = direct(scope, "databaseId");
      // A timestamp goes through wrangler, which checks its format and the 30-day window first.
      if (databaseId === undefined || at !== undefined) {
        const run = await succeed(timeTravelInfo(scope, REMOTE, at), true);
        return readBookmark(run.stdout);
      }
      const result = await request(
        scope,
        apiResultSchemas.bookmark,
        `GET /accounts/…/d1/database/${databaseId}/time_travel/bookmark`,
        `${databasePath(databaseId)}/time_travel/bookmark`,
      );
      return result.bookmark;
    },
    async exportDatabase(scope, output) {
      await succeed(d1Export(scope, REMOTE, output));
    },
    async restore(scope, point) {
      const run = await succeed(timeTravelRestore(scope, REMOTE, point));
      return readRestore(run.stdout);
    },
  };
}
