/**
 * Cloudflare refuses a Worker rollback to a version from before a Durable Object migration
 * ("Rollbacks" page: not allowed when "a Durable Object migration has occurred between the version
 * in the active deployment and the version selected"). The rollback asks the question itself first,
 * so the refusal names the migration and what to do instead: the target version's commit (its
 * `workers/tag`), that commit's wrangler config (from git), and its last migration tag against the
 * Worker's. When a fact is missing (no tag, the commit not in this clone) the rollback goes ahead as
 * before and the log says what was not checked.
 */
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Environment } from "../../workflows-src/builders/environment-model";
import type { CloudflareClient } from "./cloudflare";
import {
  readWorkerMigrations,
  type MigrationState,
} from "./cloudflare/durable-object-migrations";
import { SHA_PATTERN } from "./git-sha";

/** `file` (relative to `cwd`) as it was at `sha`; undefined when git does not have it. */
export function fileAtCommit(
  cwd: string,
  sha: string,
  file: string,
): string | undefined {
  const result = spawnSync("git", ["show", `${sha}:./${file}`], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  return result.status === 0 ? result.stdout : undefined;
}

export type GuardResult =
  | { readonly kind: "clear" }
  | { readonly kind: "unchecked"; readonly why: string }
  | { readonly kind: "crosses"; readonly reason: string };

/** The Worker's tag as the state reports it. */
function workerTagOf(state: MigrationState): string | undefined {
  return state.kind === "pending" ? state.from : state.tag;
}

/** Pure: the target was built at another migration tag than the Worker stands at. */
export function crossesMigration(
  targetTags: readonly string[],
  workerTag: string | undefined,
): boolean {
  return targetTags.at(-1) !== workerTag;
}

export interface GuardInput {
  readonly cf: Pick<CloudflareClient, "versionTag" | "durableObjectMigrations">;
  readonly env: Environment;
  readonly versionId: string;
  /** The repository's wrangler config (the one the release deploys with). */
  readonly configFile: string;
  /** That file's text at a commit (git show), undefined when the commit is not in this clone. */
  readonly configAt: (sha: string) => string | undefined;
}

export async function checkRollbackMigrations(
  input: GuardInput,
): Promise<GuardResult> {
  const { cf, env, versionId } = input;
  const now = await cf.durableObjectMigrations(env, input.configFile);
  const workerTag = workerTagOf(now.state);
  // No migration in the config and none on the Worker: nothing to cross.
  if (now.workerName === "" && workerTag === undefined)
    return { kind: "clear" };
  const sha = await cf.versionTag(env, versionId);
  if (sha === undefined || !SHA_PATTERN.test(sha))
    return {
      kind: "unchecked",
      why: `version ${versionId} carries no commit tag, so its Durable Object migrations are unknown`,
    };
  const text = input.configAt(sha);
  if (text === undefined)
    return {
      kind: "unchecked",
      why: `commit ${sha.slice(0, 12)} (version ${versionId}) is not in this clone, so its wrangler config is unknown`,
    };
  // Beside the real config: wrangler reads the format from the extension and resolves paths from
  // the folder, as it would for the file itself.
  const copy = join(
    dirname(input.configFile),
    `.rollback-${sha.slice(0, 12)}-${basename(input.configFile)}`,
  );
  let targetTags: readonly string[];
  try {
    writeFileSync(copy, text);
    targetTags = (await readWorkerMigrations(copy, env.wranglerEnv)).tags;
  } finally {
    rmSync(copy, { force: true });
  }
  if (!crossesMigration(targetTags, workerTag)) return { kind: "clear" };
  return {
    kind: "crosses",
    reason: `${env.name}: version ${versionId} (commit ${sha.slice(0, 12)}) was built at Durable Object migration ${targetTags.at(-1) ?? "(none)"}, and the Worker stands at ${workerTag ?? "(none)"}: Cloudflare refuses a rollback across a Durable Object migration, so nothing was changed — fix forward (revert the code, keep the migration entries in the wrangler config, deploy), or pass --version with a version released at ${workerTag ?? "the current tag"} or later`,
  };
}
