/**
 * Is a Durable Object migration pending for an environment's Worker? The same comparison wrangler
 * makes before an upload (getMigrationsToUpload in packages/deploy-helpers/src/deploy/helpers/
 * durable.ts): the config's `migrations[].tag` against the Worker's current tag, which Cloudflare
 * reports as `default_environment.script.migration_tag` of GET /accounts/:id/workers/services/
 * :name. wrangler 4.164 refuses `versions upload` when any migration is pending ("…cannot be
 * applied by `wrangler versions upload`…"), so the release must know before it chooses a path.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type * as WranglerModule from "wrangler";
import { z } from "zod";
import { REPO_ROOT, wranglerBin } from "../wrangler";
import type { CloudflareGet } from "./api";

/**
 * wrangler's module as the repository installed it (the package neither ships nor bundles one):
 * resolved from the repository's package.json, as its own `import("wrangler")` would.
 */
async function importRepositoryWrangler(): Promise<typeof WranglerModule> {
  wranglerBin(); // the same one-line "add wrangler to devDependencies" when it is missing
  const entry = createRequire(join(REPO_ROOT, "package.json")).resolve(
    "wrangler",
  );
  return (await import(pathToFileURL(entry).href)) as typeof WranglerModule;
}

export interface WorkerMigrations {
  /** The Worker wrangler deploys for this env (the env block's `name`, else `<name>-<env>`). */
  readonly workerName: string;
  /** `migrations[].tag` in order (inherited from the top level unless the env sets its own). */
  readonly tags: readonly string[];
}

/** First line of wrangler's config error, without its "Processing … configuration:" header. */
function firstProblem(message: string): string {
  const lines = message
    .split("\n")
    .map((l) => l.trim().replace(/^- /, ""))
    .filter((l) => l !== "" && !/^Processing .* configuration:$/.test(l));
  return lines[0] ?? message;
}

/**
 * The env's Worker name and migration tags, read by wrangler's own config reader (jsonc, json or
 * toml; env inheritance and naming as wrangler deploys them). Loaded on demand: importing wrangler
 * takes ~2 s, and only a release of a config with migrations needs it.
 */
export async function readWorkerMigrations(
  file: string,
  wranglerEnv: string | undefined,
): Promise<WorkerMigrations> {
  const { unstable_readConfig } = await importRepositoryWrangler();
  let config: { name?: string | undefined; migrations: { tag: string }[] };
  try {
    config = unstable_readConfig(
      {
        config: file,
        ...(wranglerEnv === undefined ? {} : { env: wranglerEnv }),
      },
      { hideWarnings: true },
    );
  } catch (error) {
    throw new Error(
      `${file}: ${firstProblem(error instanceof Error ? error.message : String(error))} — fix the wrangler config (wranglerEnv in workflows-src/environments.ts names its env block)`,
      { cause: error },
    );
  }
  if (config.name === undefined)
    throw new Error(`${file}: no "name" — name the Worker`);
  return { workerName: config.name, tags: config.migrations.map((m) => m.tag) };
}

export type MigrationState =
  /** No migrations in the config, or the Worker is at the last tag. */
  | { readonly kind: "none"; readonly tag: string | undefined }
  /** These tags would be applied by the next `wrangler deploy` (from `from`, undefined = none). */
  | {
      readonly kind: "pending";
      readonly from: string | undefined;
      readonly tags: readonly string[];
    }
  /** The Worker's tag is not in the config: wrangler would re-apply every migration. */
  | { readonly kind: "unknown-tag"; readonly tag: string };

/** Pure: wrangler's decision, as data. */
export function migrationState(
  configTags: readonly string[],
  workerTag: string | undefined,
): MigrationState {
  if (configTags.length === 0) return { kind: "none", tag: workerTag };
  if (workerTag === undefined)
    return { kind: "pending", from: undefined, tags: [...configTags] };
  const at = configTags.indexOf(workerTag);
  if (at === -1) return { kind: "unknown-tag", tag: workerTag };
  const rest = configTags.slice(at + 1);
  return rest.length === 0
    ? { kind: "none", tag: workerTag }
    : { kind: "pending", from: workerTag, tags: rest };
}

const serviceSchema = z.looseObject({
  default_environment: z.looseObject({
    script: z.looseObject({ migration_tag: z.string().optional() }),
  }),
});

/** 10007/10090: the Worker does not exist yet (its first deploy applies every migration). */
const NOT_FOUND = /\[code: (10007|10090)\]/;

/** The Worker's current migration tag; undefined when it has none or does not exist yet. */
export async function workerMigrationTag(
  get: CloudflareGet,
  accountId: string,
  workerName: string,
): Promise<string | undefined> {
  const path = `/accounts/${accountId}/workers/services/${encodeURIComponent(workerName)}`;
  const answer = await get(path);
  if (!answer.success) {
    if (NOT_FOUND.test(answer.error)) return undefined;
    throw new Error(
      `reading the Durable Object migration tag of ${workerName} (GET /accounts/…/workers/services/${workerName}) failed: ${answer.error} — check the token has Workers Scripts: Read`,
    );
  }
  const parsed = serviceSchema.safeParse(answer.result);
  if (!parsed.success)
    throw new Error(
      `GET /accounts/…/workers/services/${workerName}: unexpected answer (no default_environment.script) — Cloudflare's API changed; report it`,
    );
  return parsed.data.default_environment.script.migration_tag;
}

/** wrangler's own refusal (4.164) or the API's (10211): the version carries a DO migration. */
const PENDING_REFUSAL =
  /pending Durable Object migration|cannot be applied by `wrangler versions upload`|\[code: 10211\]/;

export function isPendingMigrationRefusal(
  text: string,
  code?: number,
): boolean {
  return code === 10211 || PENDING_REFUSAL.test(text);
}
