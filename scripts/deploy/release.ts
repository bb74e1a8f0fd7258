/**
 * Ships the artifact the quality job built: upload it as a new Worker version tagged with the
 * commit, prove that version healthy before it takes traffic, promote it to 100%, prove the public
 * URL serves this commit, and otherwise put the previous version back and say so loudly. A Worker
 * that does not exist yet cannot take a version upload: the first release creates it and then
 * checks it — with nothing to fall back to, a failure says exactly that. A commit older than the
 * one serving (its run queued behind a newer one) is never promoted.
 *
 * Every Cloudflare call is a typed operation of the client (cloudflare/); health checks are real
 * HTTP. Tests run it through the real wrangler against the Cloudflare API double.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  healthCheckOf,
  type Environment,
} from "../../workflows-src/builders/environment-model";
import { CloudflareError, type CloudflareClient } from "./cloudflare";
import {
  compareWithServing,
  gitIsAncestor,
  type IsAncestor,
} from "./commit-order";
import type { DeployLog } from "./deploy-log";
import type { EnvVars } from "./env-vars";
import {
  describePoll,
  pollHealth,
  versionOverrideHeader,
  type PollOptions,
  type PollResult,
} from "./health-poll";
import {
  confirmServing,
  releaseWithMigration,
  type PendingMigration,
} from "./release-migration";
import { assertSecretsPresent } from "./required-secrets";
import { nonInteractiveEnv, REPO_ROOT } from "./wrangler";
import { servingVersion } from "./wrangler-output";

import type { ReleaseOutcome, ReleaseReport } from "./release-report";
import { runHint } from "./run-hint";
import {
  cacheToFill,
  missingOpenNext,
  OPENNEXT_BIN,
  populateCacheArgs,
} from "./incremental-cache";
import { spawnRunner, type Runner } from "./child-process";
import { redactCredentials } from "./cloudflare/redact";

export type { ReleaseOutcome, ReleaseReport } from "./release-report";
export { describeRelease, releaseSummary } from "./release-summary";

export interface ReleasePlan {
  readonly environment: Environment;
  /** Commit SHA: the version tag, and what /api/health must report afterwards. */
  readonly sha: string;
  readonly message: string;
  /**
   * The built OpenNext output, checked before anything is sent. wrangler uploads what wrangler.jsonc
   * names (`main`: .open-next/worker.js), so the CLI passes that directory; tests pass a fixture.
   */
  readonly artifactDir: string;
  /** Defaults to the environment's URL. */
  readonly publicUrl?: string;
  /** D1 bookmark from the migrate job, shown in the summary as the data undo point. */
  readonly bookmark?: string;
  readonly healthDeadlineMs: number;
  readonly requestTimeoutMs: number;
  /**
   * The wrangler config (wrangler.jsonc): its `migrations` are compared with the Worker's Durable
   * Object migration tag before the upload. Without it, a pending migration is still caught by
   * wrangler's own refusal of `versions upload`, one upload attempt later.
   */
  readonly wranglerConfigFile?: string;
}

export interface ReleaseDeps {
  readonly cloudflare: CloudflareClient;
  readonly env: EnvVars;
  readonly log: DeployLog;
  readonly poll?: (options: PollOptions) => Promise<PollResult>;
  /** Commit ancestry (default: git in the repository). */
  readonly isAncestor?: IsAncestor;
  /** Runs the app's OpenNext CLI to fill its incremental cache (default: a real child process). */
  readonly runner?: Runner;
}

class ReleaseFailure extends Error {}

/** The build records the commit it baked in; deploying another commit's artifact is refused. */
export function assertArtifact(artifactDir: string, sha: string): void {
  if (!existsSync(join(artifactDir, "worker.js"))) {
    throw new ReleaseFailure(
      `${join(artifactDir, "worker.js")} not found — deploy ships the quality job's build artifact and never rebuilds; download it (CI) or run ${runHint("build:worker")} (locally)`,
    );
  }
  const recorded = join(artifactDir, "app-version.txt");
  if (existsSync(recorded)) {
    const built = readFileSync(recorded, "utf8").trim();
    if (built !== sha) {
      throw new ReleaseFailure(
        `${recorded}: artifact was built from ${built}, not ${sha} — deploy the artifact of this commit's quality run`,
      );
    }
  }
}

function sameOrigin(a: string, b: string): boolean {
  return (
    URL.canParse(a) &&
    URL.canParse(b) &&
    new URL(a).origin === new URL(b).origin
  );
}

export async function release(
  plan: ReleasePlan,
  deps: ReleaseDeps,
): Promise<ReleaseReport> {
  const { environment: env, sha } = plan;
  const cf = deps.cloudflare;
  const url = plan.publicUrl ?? env.url;
  const poll = deps.poll ?? pollHealth;
  const healthCheck = healthCheckOf(env);
  const isAncestor = deps.isAncestor ?? gitIsAncestor(REPO_ROOT);
  const timings: { phase: string; ms: number }[] = [];
  const checks: string[] = [];
  const state: {
    versionId?: string;
    previousVersionId?: string;
    previewUrl?: string;
  } = {};

  async function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
    deps.log.info(`• ${name}`);
    const started = performance.now();
    try {
      return await work();
    } finally {
      timings.push({ phase: name, ms: performance.now() - started });
    }
  }
  async function check(
    name: string,
    target: string,
    expectedVersion: string | undefined,
    headers?: Record<string, string>,
  ) {
    return phase(name, async () => {
      const result = await poll({
        url: target,
        expected: { version: expectedVersion },
        deadlineMs: plan.healthDeadlineMs,
        requestTimeoutMs: plan.requestTimeoutMs,
        check: healthCheck,
        ...(headers === undefined ? {} : { headers }),
        onAttempt: (n, verdict, ms) =>
          deps.log.info(
            `  attempt ${n} at ${(ms / 1000).toFixed(1)}s: ${verdict}`,
          ),
      });
      checks.push(`${name}: ${describePoll(result)}`);
      deps.log.info(`  ${describePoll(result)}`);
      return result;
    });
  }
  const report = (outcome: ReleaseOutcome, error?: string): ReleaseReport => ({
    environment: env.name,
    sha,
    url,
    outcome,
    ...(error === undefined ? {} : { error }),
    ...state,
    ...(plan.bookmark === undefined ? {} : { bookmark: plan.bookmark }),
    checks,
    timings,
  });

  /** The Worker does not exist: create it with this artifact, then require this commit's health. */
  async function firstDeployment(): Promise<ReleaseReport> {
    checks.push(
      "first deployment: the Worker did not exist, so there is no version to check before traffic or to roll back to",
    );
    deps.log.info(
      `  ${env.name}: the Worker does not exist yet — creating it (first deployment)`,
    );
    let urls: readonly string[] = [];
    try {
      await phase("create the Worker (first deployment)", async () => {
        const deployed = await cf.createWorker(env, {
          tag: sha,
          message: plan.message,
        });
        if (deployed.versionId !== null) state.versionId = deployed.versionId;
        urls = deployed.urls;
      });
    } catch (error) {
      return report(
        "first-deploy-failed",
        `first deployment (the Worker did not exist): ${(error as Error).message} — nothing served before, so there is nothing to roll back; fix and re-run the deploy`,
      );
    }
    const post = await check("check the public URL", url, sha);
    const notOurs =
      post.ok && healthCheck.kind === "smoke" && state.versionId !== undefined
        ? await phase("confirm the serving version on Cloudflare", () =>
            confirmServing(cf, env, state.versionId as string, sha),
          )
        : undefined;
    if (post.ok && notOurs === undefined) return report("promoted");
    if (notOurs !== undefined)
      return report(
        "first-deploy-failed",
        `first deployment: ${notOurs}; there is NO previous version to roll back to — fix forward and re-run`,
      );
    const elsewhere =
      urls.length > 0 && !urls.some((u) => sameOrigin(u, url))
        ? `; wrangler published the Worker at ${urls.join(", ")} — if that is right, run ${runHint("setup", ["--apply"])} (it writes the subdomain into workflows-src/cloudflare-account.ts) and commit`
        : "";
    return report(
      "first-deploy-failed",
      `first deployment: ${url} does not serve ${sha.slice(0, 12)} healthily: ${post.reason}; there is NO previous version to roll back to — the new Worker stays as it is: fix forward and re-run${elsewhere}`,
    );
  }

  /**
   * OpenNext's build-time cache entries, written before any version that reads them exists (their
   * keys carry the build id, so the serving version never sees them). A failure stops the release
   * before traffic.
   */
  async function fillCache(): Promise<void> {
    const cache = cacheToFill(env, plan.artifactDir);
    if (cache === undefined) return;
    const root = dirname(plan.artifactDir);
    const missing = missingOpenNext(root);
    if (missing !== undefined)
      throw new ReleaseFailure(
        `OpenNext's incremental cache (${cache.binding}) cannot be filled: ${missing}`,
      );
    const args = populateCacheArgs(env, plan.wranglerConfigFile);
    await phase(
      `fill OpenNext's incremental cache (${cache.binding}, ${cache.entries} build-time entries)`,
      async () => {
        const run = await (deps.runner ?? spawnRunner)(
          join(root, OPENNEXT_BIN),
          args,
          {
            cwd: root,
            env: nonInteractiveEnv(deps.env),
            log: deps.log,
          },
        );
        if (run.code !== 0) {
          const said = redactCredentials(deps.env)(
            `${run.stderr}\n${run.stdout}`,
          )
            .split("\n")
            .map((line) => line.trim())
            .filter((line) => line !== "")
            .slice(-3)
            .join(" / ");
          throw new ReleaseFailure(
            `opennextjs-cloudflare ${args.join(" ")} failed (exit ${run.code}): ${said || "no output"} — nothing served changed; fix the cache binding or the token, then re-run the deploy`,
          );
        }
      },
    );
    checks.push(
      `incremental cache ${cache.binding}: filled with ${cache.entries} build-time entr${cache.entries === 1 ? "y" : "ies"} (opennextjs-cloudflare ${args.slice(0, 2).join(" ")})`,
    );
  }

  /** Stops a run that queued behind a newer commit's run before it changes anything. */
  async function olderThanServing(
    serving: string,
  ): Promise<string | undefined> {
    return phase("compare with the serving commit", async () => {
      const order = compareWithServing(
        sha,
        await cf.versionTag(env, serving),
        isAncestor,
      );
      if (order.kind === "unknown") {
        checks.push(`commit order not checked: ${order.reason}`);
        deps.log.info(`  commit order not checked: ${order.reason}`);
        return undefined;
      }
      if (order.kind !== "older") return undefined;
      return `${env.name} already serves ${order.servingSha.slice(0, 12)}, which contains ${sha.slice(0, 12)} — promoting would ship older code; nothing was changed (re-run the newest commit's deploy to redeploy)`;
    });
  }

  /** The new version answers healthily before any traffic reaches it, or the release stops. */
  async function checkBeforeTraffic(
    upload: {
      versionId: string;
      previewUrl: string | null;
      workerName: string | null;
    },
    previous: string | undefined,
  ): Promise<void> {
    if (upload.previewUrl !== null) {
      const pre = await check("check the preview URL", upload.previewUrl, sha);
      if (!pre.ok)
        throw new ReleaseFailure(
          `new version ${upload.versionId} is unhealthy on its preview URL: ${pre.reason}`,
        );
      return;
    }
    if (previous !== undefined && upload.workerName !== null) {
      // Without preview URLs, a version is reachable only once it is in a deployment: add it at 0%
      // and address it with the version-override header while the previous version keeps 100%.
      await phase("stage the new version at 0%", () =>
        cf.deployVersions(
          env,
          [
            { versionId: previous, percentage: 100 },
            { versionId: upload.versionId, percentage: 0 },
          ],
          `smoke test ${sha}`,
        ),
      );
      const pre = await check(
        "check the new version via override header",
        url,
        sha,
        versionOverrideHeader(upload.workerName, upload.versionId),
      );
      if (!pre.ok)
        throw new ReleaseFailure(
          `new version ${upload.versionId} is unhealthy before promotion: ${pre.reason}`,
        );
      return;
    }
    checks.push(
      "pre-promotion check skipped: first deployment without a preview URL",
    );
    deps.log.info(
      "  no preview URL and no serving version: skipping the pre-promotion check",
    );
  }

  /** Traffic moved and the public URL is not right: put the previous version back and re-check. */
  async function rollBackTo(
    previous: string | undefined,
    failure: string,
  ): Promise<ReleaseReport> {
    if (previous === undefined) {
      return report(
        "rollback-failed",
        `${failure}; no previous version to roll back to (first deployment) — fix forward or roll back manually`,
      );
    }
    try {
      await phase("roll back to the previous version", () =>
        cf.rollback(env, previous, `automatic rollback: ${failure}`),
      );
    } catch (error) {
      return report(
        "rollback-failed",
        `${failure}; rollback to ${previous} FAILED: ${(error as Error).message}`,
      );
    }
    // The previous build reports its own SHA, unknown here: require health, not a version.
    const after = await check("re-check after rollback", url, undefined);
    return after.ok
      ? report(
          "rolled-back",
          `${failure}; rolled back to ${previous}, which is healthy`,
        )
      : report(
          "rollback-failed",
          `${failure}; rolled back to ${previous} but it is STILL UNHEALTHY: ${after.reason}`,
        );
  }

  /** A pending Durable Object migration (from its tag, or from wrangler's refusal to upload). */
  async function pendingMigration(): Promise<PendingMigration | undefined> {
    if (plan.wranglerConfigFile === undefined) return undefined;
    const config = plan.wranglerConfigFile;
    const found = await phase("compare Durable Object migrations", () =>
      cf.durableObjectMigrations(env, config),
    );
    const { state: m, workerName } = found;
    if (m.kind === "unknown-tag")
      throw new ReleaseFailure(
        `${workerName} is at Durable Object migration tag "${m.tag}", which ${config} does not list — wrangler deploy would re-apply every migration (Cloudflare refuses re-created classes); put the migration tagged "${m.tag}" back into migrations`,
      );
    if (m.kind === "none") {
      if (m.tag !== undefined)
        checks.push(
          `Durable Object migrations: ${workerName} is at ${m.tag}, nothing pending`,
        );
      return undefined;
    }
    return { from: m.from, tags: m.tags, detectedBy: "migration tag" };
  }

  /** wrangler refuses a pending migration before sending anything: nothing changed, deploy instead. */
  async function uploadOrRefusal() {
    try {
      return await phase("upload the new version", () =>
        cf.uploadVersion(env, { tag: sha, message: plan.message }),
      );
    } catch (error) {
      if (error instanceof CloudflareError && error.refusesPendingMigration)
        return "migration-pending" as const;
      throw error;
    }
  }

  // Phase 1: nothing has changed on Cloudflare yet; any failure leaves production untouched.
  let previous: string | undefined;
  let migration: PendingMigration | undefined;
  try {
    assertArtifact(plan.artifactDir, sha);
    assertSecretsPresent(env.secrets, deps.env, env.name);
    const serving = await phase("record the serving version", () =>
      cf.deploymentState(env),
    );
    if (serving.kind === "serving") {
      previous = servingVersion(serving.deployment);
      state.previousVersionId = previous;
      const newer = await olderThanServing(previous);
      if (newer !== undefined) return report("superseded", newer);
    }
    await fillCache();
    if (serving.kind === "no-worker") return await firstDeployment();
    migration = await pendingMigration();
    if (migration === undefined) {
      const upload = await uploadOrRefusal();
      if (upload === "migration-pending")
        migration = {
          from: undefined,
          tags: [],
          detectedBy: "versions upload refusal",
        };
      else {
        const versionId = upload.versionId as string;
        state.versionId = versionId;
        if (upload.previewUrl !== null) state.previewUrl = upload.previewUrl;
        await checkBeforeTraffic({ ...upload, versionId }, previous);
      }
    }
  } catch (error) {
    return report("refused-before-traffic", (error as Error).message);
  }
  if (migration !== undefined)
    return releaseWithMigration({
      env,
      sha,
      url,
      message: plan.message,
      cf,
      previous,
      migration,
      checks,
      state,
      phase,
      check: (name, target, expected) => check(name, target, expected),
      report,
      info: (line) => deps.log.info(line),
    });

  // Phase 2: traffic moves; from here a failure must put the previous version back.
  const versionId = state.versionId as string;
  let failure: string;
  try {
    await phase("promote to 100%", () =>
      cf.deployVersions(env, [{ versionId, percentage: 100 }], plan.message),
    );
    const post = await check("check the public URL", url, sha);
    // Smoke checks cannot read a version from the page: Cloudflare says which version serves.
    const notOurs =
      post.ok && healthCheck.kind === "smoke"
        ? await phase("confirm the serving version on Cloudflare", () =>
            confirmServing(cf, env, versionId, sha),
          )
        : undefined;
    if (post.ok && notOurs === undefined) return report("promoted");
    failure = post.ok
      ? (notOurs as string)
      : `${url} does not serve ${sha.slice(0, 12)} healthily after promotion: ${post.reason}`;
  } catch (error) {
    failure = (error as Error).message;
  }
  return rollBackTo(previous, failure);
}
