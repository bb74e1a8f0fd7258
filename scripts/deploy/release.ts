/**
 * Ships the artifact the quality job built: upload it as a new Worker version tagged with the
 * commit, prove that version healthy before it takes traffic, promote it to 100%, prove the public
 * URL serves this commit, and otherwise put the previous version back and say so loudly. A Worker
 * that does not exist yet cannot take a version upload: the first release creates it with
 * `wrangler deploy` and then checks it — with nothing to fall back to, a failure says exactly that.
 *
 * Every Cloudflare call goes through `deps.wrangler` with argv from wrangler-args.ts; health checks
 * are real HTTP. Unit tests inject a recording wrangler (Cloudflare's API is unreachable here) and
 * point the URLs at local servers.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Environment } from "../../workflows-src/environments";
import type { DeployLog } from "./deploy-log";
import type { EnvVars } from "./env-vars";
import { markdownTable } from "./github-io";
import {
  describePoll,
  pollHealth,
  versionOverrideHeader,
  type PollOptions,
  type PollResult,
} from "./health-poll";
import { assertSecretsPresent } from "./required-secrets";
import { assertSucceeded, type Wrangler } from "./wrangler";
import {
  deployNewWorker,
  deploymentsStatus,
  REMOTE,
  rollback,
  versionsDeploy,
  versionsUpload,
} from "./wrangler-args";
import {
  isWorkerNotFound,
  readCommandFailure,
  readDeploy,
  readDeploymentStatus,
  readVersionUpload,
  servingVersion,
} from "./wrangler-output";

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
}

export interface ReleaseDeps {
  readonly wrangler: Wrangler;
  readonly env: EnvVars;
  readonly log: DeployLog;
  readonly poll?: (options: PollOptions) => Promise<PollResult>;
}

export type ReleaseOutcome =
  | "promoted"
  | "refused-before-traffic"
  | "rolled-back"
  | "rollback-failed"
  /** The Worker did not exist, was created, and is not healthy: nothing to roll back to. */
  | "first-deploy-failed";

export interface ReleaseReport {
  readonly environment: string;
  readonly sha: string;
  readonly url: string;
  readonly outcome: ReleaseOutcome;
  readonly error?: string;
  readonly versionId?: string;
  readonly previousVersionId?: string;
  readonly previewUrl?: string;
  readonly bookmark?: string;
  readonly checks: readonly string[];
  readonly timings: readonly { readonly phase: string; readonly ms: number }[];
}

class ReleaseFailure extends Error {}

/** The build records the commit it baked in; deploying another commit's artifact is refused. */
export function assertArtifact(artifactDir: string, sha: string): void {
  if (!existsSync(join(artifactDir, "worker.js"))) {
    throw new ReleaseFailure(
      `${join(artifactDir, "worker.js")} not found — deploy ships the quality job's build artifact and never rebuilds; download it (CI) or run npm run build:worker (locally)`,
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

const NO_DEPLOYMENTS = /has no deployments/;

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
  const url = plan.publicUrl ?? env.url;
  const poll = deps.poll ?? pollHealth;
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
      `  ${env.name}: the Worker does not exist yet — creating it with wrangler deploy (first deployment)`,
    );
    let urls: readonly string[] = [];
    try {
      await phase("create the Worker (first deployment)", async () => {
        const deployed = readDeploy(
          assertSucceeded(
            await deps.wrangler(
              deployNewWorker(env, REMOTE, { tag: sha, message: plan.message }),
            ),
          ).entries,
        );
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
    if (post.ok) return report("promoted");
    const elsewhere =
      urls.length > 0 && !urls.some((u) => sameOrigin(u, url))
        ? `; wrangler published the Worker at ${urls.join(", ")} — if that is right, set url in workflows-src/environments.ts to it`
        : "";
    return report(
      "first-deploy-failed",
      `first deployment: ${url} does not serve ${sha.slice(0, 12)} healthily: ${post.reason}; there is NO previous version to roll back to — the new Worker stays as it is: fix forward and re-run${elsewhere}`,
    );
  }

  // Phase 1: nothing has changed on Cloudflare yet; any failure leaves production untouched.
  try {
    assertArtifact(plan.artifactDir, sha);
    assertSecretsPresent(env.secrets, deps.env, env.name);
    const serving = await phase("record the serving version", async () => {
      const run = await deps.wrangler(deploymentsStatus(env, REMOTE), {
        quiet: true,
      });
      if (run.code !== 0 && isWorkerNotFound(run.entries))
        return "no worker" as const;
      if (
        run.code !== 0 &&
        NO_DEPLOYMENTS.test(readCommandFailure(run.entries) ?? run.stderr)
      )
        return undefined;
      return servingVersion(readDeploymentStatus(assertSucceeded(run).stdout));
    });
    if (serving === "no worker") return await firstDeployment();
    const previous = serving;
    if (previous !== undefined) state.previousVersionId = previous;
    const upload = await phase("upload the new version", async () => {
      const run = assertSucceeded(
        await deps.wrangler(
          versionsUpload(env, REMOTE, { tag: sha, message: plan.message }),
        ),
      );
      return readVersionUpload(run.entries);
    });
    if (upload.versionId === null)
      throw new ReleaseFailure(
        "wrangler versions upload reported no version id — was it a dry run?",
      );
    state.versionId = upload.versionId;
    if (upload.previewUrl !== null) state.previewUrl = upload.previewUrl;

    if (upload.previewUrl !== null) {
      const pre = await check("check the preview URL", upload.previewUrl, sha);
      if (!pre.ok)
        throw new ReleaseFailure(
          `new version ${upload.versionId} is unhealthy on its preview URL: ${pre.reason}`,
        );
    } else if (previous !== undefined && upload.workerName !== null) {
      // Without preview URLs, a version is reachable only once it is in a deployment: add it at 0%
      // and address it with the version-override header while the previous version keeps 100%.
      await phase("stage the new version at 0%", async () => {
        const traffic = [
          { versionId: previous, percentage: 100 },
          { versionId: upload.versionId as string, percentage: 0 },
        ];
        assertSucceeded(
          await deps.wrangler(
            versionsDeploy(env, REMOTE, traffic, `smoke test ${sha}`),
          ),
        );
      });
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
    } else {
      checks.push(
        "pre-promotion check skipped: first deployment without a preview URL",
      );
      deps.log.info(
        "  no preview URL and no serving version: skipping the pre-promotion check",
      );
    }
  } catch (error) {
    return report("refused-before-traffic", (error as Error).message);
  }

  // Phase 2: traffic moves; from here a failure must put the previous version back.
  const versionId = state.versionId as string;
  let failure: string;
  try {
    await phase("promote to 100%", async () => {
      assertSucceeded(
        await deps.wrangler(
          versionsDeploy(
            env,
            REMOTE,
            [{ versionId, percentage: 100 }],
            plan.message,
          ),
        ),
      );
    });
    const post = await check("check the public URL", url, sha);
    if (post.ok) return report("promoted");
    failure = `${url} does not serve ${sha.slice(0, 12)} healthily after promotion: ${post.reason}`;
  } catch (error) {
    failure = (error as Error).message;
  }

  const previous = state.previousVersionId;
  if (previous === undefined) {
    return report(
      "rollback-failed",
      `${failure}; no previous version to roll back to (first deployment) — fix forward or roll back manually`,
    );
  }
  try {
    await phase("roll back to the previous version", async () => {
      const reason = `automatic rollback: ${failure}`.slice(0, 500);
      assertSucceeded(
        await deps.wrangler(rollback(env, REMOTE, previous, reason)),
      );
    });
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

export function describeRelease(r: ReleaseReport): string {
  switch (r.outcome) {
    case "promoted":
      return `deployed ${r.sha.slice(0, 12)} to ${r.environment} as version ${r.versionId ?? "?"} — ${r.url} is healthy`;
    case "refused-before-traffic":
      return `deploy of ${r.sha.slice(0, 12)} to ${r.environment} stopped before taking traffic: ${r.error ?? ""}`;
    case "rolled-back":
      return `deploy of ${r.sha.slice(0, 12)} to ${r.environment} FAILED and was rolled back: ${r.error ?? ""}`;
    case "rollback-failed":
      return `deploy of ${r.sha.slice(0, 12)} to ${r.environment} FAILED and is NOT rolled back cleanly: ${r.error ?? ""}`;
    case "first-deploy-failed":
      return `FIRST deploy of ${r.sha.slice(0, 12)} to ${r.environment} FAILED with no previous version to fall back to: ${r.error ?? ""}`;
  }
}

export function releaseSummary(r: ReleaseReport): string {
  const icon =
    r.outcome === "promoted"
      ? "✅"
      : r.outcome === "rollback-failed" || r.outcome === "first-deploy-failed"
        ? "🚨"
        : "❌";
  const total = r.timings.reduce((sum, t) => sum + t.ms, 0);
  return [
    `### Deploy — ${r.environment} ${icon} ${r.outcome}`,
    "",
    describeRelease(r),
    "",
    markdownTable(
      ["", ""],
      [
        ["URL", r.url],
        ["commit", `\`${r.sha}\``],
        ["new version", r.versionId ? `\`${r.versionId}\`` : "—"],
        [
          "previous version",
          r.previousVersionId ? `\`${r.previousVersionId}\`` : "—",
        ],
        ["preview URL", r.previewUrl ?? "—"],
        [
          "D1 bookmark (before migrations)",
          r.bookmark ? `\`${r.bookmark}\`` : "—",
        ],
      ],
    ),
    "",
    "Health checks:",
    "",
    ...r.checks.map((c) => `- ${c}`),
    "",
    markdownTable(
      ["phase", "seconds"],
      [
        ...r.timings.map((t) => [t.phase, (t.ms / 1000).toFixed(1)]),
        ["total", (total / 1000).toFixed(1)],
      ],
    ),
    "",
  ].join("\n");
}
