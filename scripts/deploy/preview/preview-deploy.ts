/**
 * One push of a same-repository pull request, previewed: its own D1 database (created on the first
 * push), migrated from the pull request's migrations through the pipeline's migrate path (secrets,
 * lint gate, Time Travel bookmark, ledger), seeded once from the committed seed file, then quality's
 * build uploaded as a version of the preview Worker under the alias `pr-<n>` — a later push moves
 * the alias — and its health checked at the alias URL. Nothing here runs code from the pull
 * request: its build is only uploaded, its migrations and seed are SQL sent to its own database.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PreviewEnvironment } from "../../../workflows-src/builders/environment-model";
import type { CloudflareClient } from "../cloudflare";
import type { DeployLog } from "../deploy-log";
import type { EnvVars } from "../env-vars";
import { pollHealth, type PollResult, describePoll } from "../health-poll";
import { migrate, describeMigrate, type MigrateReport } from "../migrate";
import { assertSecretsPresent } from "../required-secrets";
import { REMOTE, type WranglerScope } from "../wrangler-args";
import type { PreviewCloudflare } from "./preview-cloudflare";
import { previewWranglerConfig, readJsonc } from "./preview-config";
import { previewAlias, previewDatabaseName } from "./preview-names";
import { runHint } from "../run-hint";

export interface PreviewPlan {
  readonly preview: PreviewEnvironment;
  readonly pr: number;
  /** The pull request's head commit: the version's tag and what /api/health must report. */
  readonly sha: string;
  readonly message: string;
  /** Repository root whose wrangler.jsonc (the base branch's) gives the Worker settings. */
  readonly root: string;
  /** The pull request's migrations (absolute). */
  readonly migrationsDir: string;
  /** The pull request's seed file (absolute), applied after the first migrations; missing: none. */
  readonly seedFile?: string;
  /** Where the preview's wrangler.jsonc is written; wrangler runs there. */
  readonly configDir: string;
  readonly healthDeadlineMs: number;
  readonly requestTimeoutMs: number;
}

export interface PreviewDeps {
  /** wrangler in the repository root (list/create databases). */
  readonly account: PreviewCloudflare;
  /** Clients running wrangler in `dir` (the preview's generated config). */
  readonly inDir: (dir: string) => {
    readonly cloudflare: CloudflareClient;
    readonly preview: PreviewCloudflare;
  };
  readonly lint?: (configFile: string) => () => Promise<void>;
  readonly env: EnvVars;
  readonly log: DeployLog;
  readonly fetch?: typeof fetch;
}

export interface PreviewReport {
  readonly ok: boolean;
  readonly error?: string;
  readonly pr: number;
  readonly alias: string;
  readonly database: {
    readonly name: string;
    readonly id: string | null;
    readonly created: boolean;
  };
  readonly seeded: string | null;
  readonly migrate: MigrateReport | null;
  readonly versionId: string | null;
  readonly url: string | null;
  readonly health: PollResult | null;
  /** Milliseconds per phase, in order (database, migrate, seed, upload, health). */
  readonly phases: Readonly<Record<string, number>>;
  readonly durationMs: number;
}

/** SQL comment lines out: wrangler reads an argument starting with "-" as a flag. */
export function seedSql(text: string): string {
  return text
    .split("\n")
    .filter((line) => !/^\s*--/.test(line))
    .join("\n")
    .trim();
}

export async function deployPreview(
  plan: PreviewPlan,
  deps: PreviewDeps,
): Promise<PreviewReport> {
  const started = performance.now();
  const phases: Record<string, number> = {};
  const name = previewDatabaseName(plan.preview, plan.pr);
  const alias = previewAlias(plan.preview, plan.pr);
  // No --env: the generated config's top level is the preview (wrangler runs in configDir).
  const scope: WranglerScope = { d1Binding: plan.preview.d1Binding };
  let database: PreviewReport["database"] = { name, id: null, created: false };
  let seeded: string | null = null;
  let migrated: MigrateReport | null = null;
  let versionId: string | null = null;
  let url: string | null = null;
  let health: PollResult | null = null;
  let phaseStart = performance.now();
  const phase = (label: string) => {
    const now = performance.now();
    phases[label] = Math.round(now - phaseStart);
    phaseStart = now;
  };
  const report = (error?: string): PreviewReport => ({
    ok: error === undefined,
    ...(error === undefined ? {} : { error }),
    pr: plan.pr,
    alias,
    database,
    seeded,
    migrate: migrated,
    versionId,
    url,
    health,
    phases,
    durationMs: Math.round(performance.now() - started),
  });
  try {
    assertSecretsPresent(plan.preview.secrets, deps.env, plan.preview.name);
    deps.log.info(`• preview ${alias}: database ${name}`);
    let found = (await deps.account.listDatabases()).find(
      (db) => db.name === name,
    );
    if (found === undefined) {
      deps.log.info(`  creating ${name} (first push of #${plan.pr})`);
      const uuid = await deps.account.createDatabase(name);
      // The id wrangler printed is the one the API answered; list only when it printed none.
      found =
        uuid !== undefined
          ? { uuid, name }
          : (await deps.account.listDatabases()).find((db) => db.name === name);
      if (found === undefined)
        throw new Error(
          `${name}: created, but wrangler d1 list does not show it — run the job again`,
        );
      database = { name, id: found.uuid, created: true };
    } else database = { name, id: found.uuid, created: false };
    phase("database");

    const base = readJsonc(
      readFileSync(join(plan.root, "wrangler.jsonc"), "utf8"),
    ) as Record<string, unknown>;
    const config = previewWranglerConfig({
      preview: plan.preview,
      base,
      root: plan.root,
      database: { name, id: found.uuid },
      migrationsDir: plan.migrationsDir,
    });
    mkdirSync(plan.configDir, { recursive: true });
    const configFile = join(plan.configDir, "wrangler.jsonc");
    writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
    const clients = deps.inDir(plan.configDir);

    migrated = await migrate(
      {
        label: `preview ${alias}`,
        scope,
        target: REMOTE,
        requiredSecrets: plan.preview.secrets,
        migrationsDir: plan.migrationsDir,
        newDatabase: database.created,
      },
      {
        cloudflare: clients.cloudflare,
        env: deps.env,
        log: deps.log,
        ...(deps.lint ? { lint: deps.lint(configFile) } : {}),
      },
    );
    if (!migrated.ok) throw new Error(describeMigrate(migrated));
    deps.log.info(describeMigrate(migrated));
    phase("migrate");

    // Seeded when this run applied the database's first migrations (not merely when it created
    // the database: a first run that failed before migrating still gets its seed on the next).
    const fresh =
      migrated.applied.length > 0 &&
      migrated.applied.length === migrated.allApplied.length;
    if (fresh && plan.seedFile !== undefined && existsSync(plan.seedFile)) {
      const sql = seedSql(readFileSync(plan.seedFile, "utf8"));
      if (sql !== "") {
        deps.log.info(`• seeding ${name} from ${plan.seedFile}`);
        await clients.cloudflare.query(scope, REMOTE, sql);
        seeded = plan.seedFile;
      }
    }
    phase("seed");

    const upload = { tag: plan.sha, message: plan.message, alias };
    // The preview Worker's very first upload: `versions upload` cannot create a Worker (wrangler
    // refuses before asking the API), only `wrangler deploy` can. With workers_dev off its own URL
    // serves nothing; the alias comes from the upload after it.
    if (
      (await clients.cloudflare.deploymentState(scope)).kind === "no-worker"
    ) {
      deps.log.info(
        `  ${plan.preview.workerName} does not exist yet: creating it`,
      );
      await clients.cloudflare.createWorker(scope, upload);
    }
    const uploaded = await clients.preview.uploadAliased(scope, upload);
    versionId = uploaded.versionId;
    url = uploaded.previewUrl;
    if (url === null)
      throw new Error(
        `${plan.preview.workerName}: wrangler printed no preview alias URL — preview URLs are off for this Worker (or the account has no workers.dev subdomain): run ${runHint("setup", ["--apply"])}`,
      );
    deps.log.info(`  version ${versionId ?? "?"} at ${url}`);
    phase("upload");

    health = await pollHealth({
      url,
      expected: { version: plan.sha },
      deadlineMs: plan.healthDeadlineMs,
      requestTimeoutMs: plan.requestTimeoutMs,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
    phase("health");
    if (!health.ok) throw new Error(`${url}: ${describePoll(health)}`);
    return report();
  } catch (error) {
    return report((error as Error).message);
  }
}
