/**
 * A release whose version carries a Durable Object migration. `wrangler versions upload` cannot
 * apply one, so this version goes out with `wrangler deploy`: upload + migration + 100% traffic in
 * one step, with no pre-traffic check possible (a migration cannot be staged at 0%: it applies to
 * the Worker, not to a version). The checks before (tested artifact, secrets, commit order) ran in
 * release.ts; the checks after are the same as a routine release's — the public URL is healthy
 * and Cloudflare serves exactly the version this deploy created, tagged with this commit.
 *
 * Rollback is stated honestly: Cloudflare does not allow a rollback (or a deployment) to a version
 * from before a Durable Object migration ("Rollbacks" page: not allowed when "a Durable Object
 * migration has occurred between the version in the active deployment and the version selected"),
 * and a migration itself is not undone by switching versions. So a failure here is NOT rolled back
 * automatically: the report says which migration stands and that the fix goes forward.
 */
import type { Environment } from "../../workflows-src/builders/environment-model";
import type { CloudflareClient } from "./cloudflare";
import type { ReleaseOutcome, ReleaseReport } from "./release-report";
import type { PollResult } from "./health-poll";
import { servingVersion } from "./wrangler-output";

export interface PendingMigration {
  /** The Worker's tag before (undefined: none yet). */
  readonly from: string | undefined;
  /** Tags this deploy applies; empty when only wrangler's refusal told us a migration is pending. */
  readonly tags: readonly string[];
  readonly detectedBy: "migration tag" | "versions upload refusal";
}

export interface MigrationReleaseContext {
  readonly env: Environment;
  readonly sha: string;
  readonly url: string;
  readonly message: string;
  readonly cf: CloudflareClient;
  readonly previous: string | undefined;
  readonly migration: PendingMigration;
  readonly checks: string[];
  readonly state: { versionId?: string };
  phase<T>(name: string, work: () => Promise<T>): Promise<T>;
  check(name: string, target: string, expected: string): Promise<PollResult>;
  report(outcome: ReleaseOutcome, error?: string): ReleaseReport;
  info(line: string): void;
}

export function describeMigration(m: PendingMigration): string {
  const tags = m.tags.length === 0 ? "(tags not read)" : m.tags.join(", ");
  return `Durable Object migration ${m.from ?? "(none)"} → ${tags}`;
}

/** Cloudflare serves exactly `versionId` at 100%, and that version carries this commit's tag. */
export async function confirmServing(
  cf: CloudflareClient,
  env: Environment,
  versionId: string,
  sha: string,
): Promise<string | undefined> {
  const state = await cf.deploymentState(env);
  if (state.kind !== "serving")
    return `Cloudflare reports no deployment of ${env.name} after the deploy`;
  const serving = servingVersion(state.deployment);
  const full = state.deployment.versions.find(
    (v) => v.version_id === versionId,
  );
  if (serving !== versionId || full?.percentage !== 100)
    return `Cloudflare serves version ${serving} in ${env.name}, not ${versionId} at 100%`;
  const tag = await cf.versionTag(env, versionId);
  if (tag !== sha)
    return `version ${versionId} is tagged ${tag ?? "(no tag)"}, not ${sha.slice(0, 12)}`;
  return undefined;
}

export async function releaseWithMigration(
  ctx: MigrationReleaseContext,
): Promise<ReleaseReport> {
  const { env, sha, cf, migration } = ctx;
  const what = describeMigration(migration);
  ctx.checks.push(
    `${what} pending (found by ${migration.detectedBy}): released with wrangler deploy — it takes 100% of traffic at once, so there is no check before traffic, and a rollback below the migration is refused`,
  );
  ctx.info(`  ${env.name}: ${what} pending — deploying with wrangler deploy`);
  try {
    const deployed = await ctx.phase(
      "deploy with the Durable Object migration",
      () => cf.deployWithMigrations(env, { tag: sha, message: ctx.message }),
    );
    if (deployed.versionId !== null) ctx.state.versionId = deployed.versionId;
  } catch (error) {
    return ctx.report(
      "refused-before-traffic",
      `wrangler deploy carrying the ${what} failed: ${(error as Error).message} — Cloudflare applies the upload and its migration together or not at all, so ${env.name} still serves ${ctx.previous ?? "what it served"}; fix and re-run`,
    );
  }
  const versionId = ctx.state.versionId;
  let failure: string | undefined;
  const post = await ctx.check("check the public URL", ctx.url, sha);
  if (!post.ok)
    failure = `${ctx.url} does not serve ${sha.slice(0, 12)} healthily after the migration deploy: ${post.reason}`;
  else if (versionId === undefined)
    failure = "wrangler deploy reported no version id";
  else
    failure = await ctx.phase("confirm the serving version on Cloudflare", () =>
      confirmServing(cf, env, versionId, sha),
    );
  if (failure === undefined) {
    ctx.checks.push(
      `serving version ${versionId ?? "?"} confirmed through Cloudflare's deployments API`,
    );
    return ctx.report("promoted");
  }
  return ctx.report(
    "failed-after-migration",
    `${failure}; NOT rolled back: the ${what} is applied, and Cloudflare refuses rollbacks to a version from before a Durable Object migration${ctx.previous === undefined ? "" : ` (${ctx.previous})`} — fix forward with a new commit (keep the migration entries in the wrangler config)`,
  );
}
