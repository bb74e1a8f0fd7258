import { createCloudflareClient } from "./cloudflare";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { environments } from "../../workflows-src/environments";
import { silentLog } from "./deploy-log";
import { fakeWrangler, type FakeScript } from "./fixtures/fake-wrangler";
import {
  answer,
  healthBody,
  startHealthServer,
  type HealthServer,
} from "./scripted-health-server";
import {
  describeRelease,
  release,
  releaseSummary,
  type ReleaseDeps,
  type ReleasePlan,
} from "./release";
import { pollHealth, type PollOptions } from "./health-poll";
import type { Runner } from "./child-process";
import type { Wrangler } from "./wrangler";
import { virtualClock } from "./virtual-clock";

/**
 * The real poll against real servers, with time that passes only when the poll sleeps: deadlines
 * and request timeouts count attempts, not milliseconds.
 */
const virtualPoll = (options: PollOptions) =>
  pollHealth({ ...options, clock: virtualClock() });

const SHA = "0123456789abcdef0123456789abcdef01234567";
const OLD_SHA = "fedcba9876543210fedcba9876543210fedcba98";
const V_NEW = "4e8d2c1a-5b6f-4a3e-9c8d-7b6a5f4e3d2c";
const V_OLD = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const SECRETS = { CLOUDFLARE_API_TOKEN: "t", CLOUDFLARE_ACCOUNT_ID: "a" };
const production = environments.production;

const root = mkdtempSync(join(tmpdir(), "release-test-"));
const artifactDir = join(root, ".open-next");
mkdirSync(artifactDir);
writeFileSync(join(artifactDir, "worker.js"), "export default {}");
writeFileSync(join(artifactDir, "app-version.txt"), `${SHA}\n`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const servers: HealthServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function server(
  ...args: Parameters<typeof startHealthServer>
): Promise<HealthServer> {
  const s = await startHealthServer(...args);
  servers.push(s);
  return s;
}

function plan(
  publicUrl: string,
  overrides: Partial<ReleasePlan> = {},
): ReleasePlan {
  return {
    environment: production,
    sha: SHA,
    message: `deploy ${SHA} from main`,
    artifactDir,
    publicUrl,
    bookmark: "00000085-bookmark",
    healthDeadlineMs: 800,
    // Virtual time (virtualPoll): a real request is never cut short by a busy machine, and a
    // failing check asks exactly 3 times, at 0, 250 and 700 ms.
    requestTimeoutMs: 5000,
    ...overrides,
  };
}

const status = (version: string) => ({
  stdout: JSON.stringify({
    id: "dep-1",
    created_on: "2026-11-24T10:00:00Z",
    versions: [{ version_id: version, percentage: 100 }],
  }),
});
const uploaded = (previewUrl?: string) => ({
  entries: [
    {
      type: "version-upload",
      version: 1,
      worker_name: "typed-cicd-next-d1-production",
      worker_tag: "tag",
      version_id: V_NEW,
      ...(previewUrl ? { preview_url: previewUrl } : {}),
      wrangler_environment: "production",
    },
  ],
});

function script(extra: FakeScript = {}): FakeScript {
  return {
    "deployments status": status(V_OLD),
    // A tag that is not a commit SHA (deployed by hand): the commit-order check cannot apply.
    "versions view": {
      stdout: JSON.stringify({
        id: V_OLD,
        annotations: { "workers/tag": "manual" },
      }),
    },
    "versions deploy": {},
    rollback: {},
    ...extra,
  };
}

describe("release (remote orchestration: recorded wrangler, real health checks)", () => {
  it("uploads, checks the preview, promotes and verifies the public URL", async () => {
    const preview = await server(answer(200, healthBody(SHA)));
    const live = await server(answer(200, healthBody(SHA)));
    const fake = fakeWrangler(
      script({ "versions upload": uploaded(preview.url) }),
    );
    const report = await release(plan(live.url), {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: SECRETS,
      log: silentLog,
      poll: virtualPoll,
    });
    expect(fake.calls).toEqual([
      ["deployments", "status", "--env", "production", "--json"],
      ["versions", "view", V_OLD, "--env", "production", "--json"],
      [
        "versions",
        "upload",
        "--env",
        "production",
        "--tag",
        SHA,
        "--message",
        `deploy ${SHA} from main`,
      ],
      [
        "versions",
        "deploy",
        `${V_NEW}@100%`,
        "--env",
        "production",
        "--message",
        `deploy ${SHA} from main`,
        "--yes",
      ],
    ]);
    expect(report).toMatchObject({
      outcome: "promoted",
      versionId: V_NEW,
      previousVersionId: V_OLD,
      previewUrl: preview.url,
    });
    expect(preview.requests.length).toBeGreaterThan(0);
    const summary = releaseSummary(report);
    expect(summary).toContain(`| new version | \`${V_NEW}\` |`);
    expect(summary).toContain(`| previous version | \`${V_OLD}\` |`);
    expect(summary).toContain(
      "| D1 bookmark (before migrations) | `00000085-bookmark` |",
    );
    expect(summary).toMatch(/\| upload the new version \| \d+\.\d \|/);
  });

  it("without a preview URL, stages the version at 0% and checks it through the override header", async () => {
    const live = await server((req, res, n) =>
      req.headers["cloudflare-workers-version-overrides"] ===
      `typed-cicd-next-d1-production="${V_NEW}"`
        ? answer(200, healthBody(SHA))(req, res, n)
        : answer(200, healthBody(fake.calls.length >= 4 ? SHA : OLD_SHA))(
            req,
            res,
            n,
          ),
    );
    const fake = fakeWrangler(script({ "versions upload": uploaded() }));
    const report = await release(plan(live.url), {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: SECRETS,
      log: silentLog,
      poll: virtualPoll,
    });
    expect(fake.calls.slice(3)).toEqual([
      [
        "versions",
        "deploy",
        `${V_OLD}@100%`,
        `${V_NEW}@0%`,
        "--env",
        "production",
        "--message",
        `smoke test ${SHA}`,
        "--yes",
      ],
      [
        "versions",
        "deploy",
        `${V_NEW}@100%`,
        "--env",
        "production",
        "--message",
        `deploy ${SHA} from main`,
        "--yes",
      ],
    ]);
    expect(report.outcome).toBe("promoted");
  });

  it("refuses to promote a version whose preview is unhealthy; traffic untouched", async () => {
    const preview = await server(answer(503, healthBody(SHA, "error", false)));
    const fake = fakeWrangler(
      script({ "versions upload": uploaded(preview.url) }),
    );
    const report = await release(plan("http://127.0.0.1:1"), {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: SECRETS,
      log: silentLog,
      poll: virtualPoll,
    });
    expect(fake.commands()).toEqual([
      "deployments status",
      "versions view",
      "versions upload",
    ]);
    expect(report.outcome).toBe("refused-before-traffic");
    expect(report.error).toBe(
      `new version ${V_NEW} is unhealthy on its preview URL: HTTP 503: database unreachable: D1 unavailable`,
    );
    expect(preview.requests).toHaveLength(3);
  });

  it("rolls back to the previous version when the public URL serves the wrong version, then re-checks", async () => {
    const preview = await server(answer(200, healthBody(SHA)));
    const live = await server(answer(200, healthBody(OLD_SHA)));
    const fake = fakeWrangler(
      script({ "versions upload": uploaded(preview.url) }),
    );
    const report = await release(plan(live.url), {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: SECRETS,
      log: silentLog,
      poll: virtualPoll,
    });
    expect(fake.calls.at(-1)).toEqual([
      "rollback",
      V_OLD,
      "--env",
      "production",
      "--message",
      // Cut to wrangler's message budget; the full reason is in the report, log and summary.
      expect.stringMatching(
        /^automatic rollback: .* does not serve 0123456789ab healthily after promotion.{0,40}$/,
      ),
      "--yes",
    ]);
    expect(report.outcome).toBe("rolled-back");
    expect(report.error).toMatch(
      /does not serve 0123456789ab healthily after promotion: .*version is fedcba987654, expected 0123456789ab/,
    );
    // Three attempts until the deadline, then one healthy re-check of the rolled-back version.
    expect(live.requests).toHaveLength(3 + 1);
    expect(describeRelease(report)).toMatch(
      new RegExp(
        `FAILED and was rolled back: .*; rolled back to ${V_OLD}, which is healthy$`,
      ),
    );
    expect(report.timings.map((t) => t.phase)).toEqual([
      "record the serving version",
      "compare with the serving commit",
      "upload the new version",
      "check the preview URL",
      "promote to 100%",
      "check the public URL",
      "roll back to the previous version",
      "re-check after rollback",
    ]);
  });

  it("never promotes an older commit over the newer one serving: a notice, nothing changed", async () => {
    const newer = "f".repeat(40);
    const fake = fakeWrangler(
      script({
        "versions view": {
          stdout: JSON.stringify({
            id: V_OLD,
            annotations: { "workers/tag": newer },
          }),
        },
      }),
    );
    const asked: string[][] = [];
    const report = await release(plan("http://127.0.0.1:9"), {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: SECRETS,
      log: silentLog,
      poll: virtualPoll,
      isAncestor: (ancestor, descendant) => {
        asked.push([ancestor, descendant]);
        return true;
      },
    });
    expect(asked).toEqual([[SHA, newer]]);
    expect(fake.commands()).toEqual(["deployments status", "versions view"]);
    expect(report.outcome).toBe("superseded");
    expect(describeRelease(report)).toMatch(
      /skipped: production already serves ffffffffffff, which contains 0123456789ab — promoting would ship older code; nothing was changed/,
    );
  });

  it("rolls back when promotion itself fails", async () => {
    const preview = await server(answer(200, healthBody(SHA)));
    const live = await server(answer(200, healthBody(OLD_SHA)));
    const fake = fakeWrangler(
      script({
        "versions upload": uploaded(preview.url),
        "versions deploy": { code: 1, stderr: "✘ [ERROR] API 500" },
      }),
    );
    const report = await release(plan(live.url), {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: SECRETS,
      log: silentLog,
      poll: virtualPoll,
    });
    expect(report.outcome).toBe("rolled-back");
    expect(report.error).toMatch(
      /^wrangler versions deploy failed \(exit 1\): API 500; rolled back to/,
    );
  });

  it("fails loudly when the rollback fails or the old version is unhealthy too", async () => {
    const preview = await server(answer(200, healthBody(SHA)));
    const live = await server(answer(503, healthBody(SHA, "error", false)));
    const broken = fakeWrangler(
      script({
        "versions upload": uploaded(preview.url),
        rollback: { code: 1, stderr: "✘ [ERROR] secrets changed" },
      }),
    );
    const failed = await release(plan(live.url), {
      cloudflare: createCloudflareClient({ wrangler: broken.wrangler }),
      env: SECRETS,
      log: silentLog,
      poll: virtualPoll,
    });
    expect(failed).toMatchObject({
      outcome: "rollback-failed",
      error: expect.stringMatching(
        /rollback to .* FAILED: wrangler rollback failed \(exit 1\): secrets changed$/,
      ),
    });

    const fake = fakeWrangler(
      script({ "versions upload": uploaded(preview.url) }),
    );
    const still = await release(plan(live.url), {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: SECRETS,
      log: silentLog,
      poll: virtualPoll,
    });
    expect(still).toMatchObject({
      outcome: "rollback-failed",
      error: expect.stringMatching(
        /STILL UNHEALTHY: HTTP 503: database unreachable/,
      ),
    });
    expect(describeRelease(still)).toMatch(/is NOT rolled back cleanly/);
  });

  it("a Worker that exists but has no deployments yet: versioned upload, nothing to roll back to", async () => {
    const live = await server(answer(200, healthBody(OLD_SHA)));
    const fake = fakeWrangler(
      script({
        "deployments status": {
          code: 1,
          entries: [
            {
              type: "command-failed",
              version: 1,
              message:
                "The Worker typed-cicd-next-d1-production has no deployments.",
            },
          ],
        },
        "versions upload": uploaded(),
      }),
    );
    const report = await release(plan(live.url), {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: SECRETS,
      log: silentLog,
      poll: virtualPoll,
    });
    expect(fake.commands()).toEqual([
      "deployments status",
      "versions upload",
      "versions deploy",
    ]);
    expect(report.checks[0]).toBe(
      "pre-promotion check skipped: first deployment without a preview URL",
    );
    expect(report).toMatchObject({
      outcome: "rollback-failed",
      error: expect.stringMatching(/no previous version to roll back to/),
    });
  });

  const workerNotFound = (code: number) => ({
    code: 1,
    entries: [
      {
        type: "command-failed",
        version: 1,
        code,
        message:
          "A request to the Cloudflare API (/accounts/a/workers/scripts/typed-cicd-next-d1-production/deployments) failed.",
      },
    ],
  });
  const deployed = (url: string) => ({
    entries: [
      {
        type: "deploy",
        version: 1,
        worker_name: "typed-cicd-next-d1-production",
        worker_tag: "tag",
        version_id: V_NEW,
        targets: [url],
        wrangler_environment: "production",
      },
    ],
  });

  it("first deployment: a Worker that does not exist is created with wrangler deploy, then must serve this commit", async () => {
    const live = await server(answer(200, healthBody(SHA)));
    const fake = fakeWrangler({
      "deployments status": workerNotFound(10007),
      deploy: deployed(live.url),
    });
    const report = await release(plan(live.url), {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: SECRETS,
      log: silentLog,
      poll: virtualPoll,
    });
    expect(fake.calls).toEqual([
      ["deployments", "status", "--env", "production", "--json"],
      [
        "deploy",
        "--env",
        "production",
        "--tag",
        SHA,
        "--message",
        `deploy ${SHA} from main`,
        "--autoconfig=false",
      ],
    ]);
    expect(report).toMatchObject({ outcome: "promoted", versionId: V_NEW });
    expect(report.previousVersionId).toBeUndefined();
    expect(live.requests.length).toBeGreaterThan(0);
    expect(report.timings.map((t) => t.phase)).toEqual([
      "record the serving version",
      "create the Worker (first deployment)",
      "check the public URL",
    ]);
  });

  it("first deployment that is unhealthy fails loudly as such (nothing to roll back), naming where wrangler published it", async () => {
    const live = await server(answer(200, healthBody(OLD_SHA)));
    const fake = fakeWrangler({
      "deployments status": workerNotFound(10090),
      deploy: deployed(
        "https://typed-cicd-next-d1-production.acme.workers.dev",
      ),
    });
    const report = await release(plan(live.url), {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: SECRETS,
      log: silentLog,
      poll: virtualPoll,
    });
    expect(fake.commands()).toEqual(["deployments status", "deploy"]);
    expect(report.outcome).toBe("first-deploy-failed");
    expect(describeRelease(report)).toBe(
      `FIRST deploy of 0123456789ab to production FAILED with no previous version to fall back to: first deployment: ${live.url} does not serve 0123456789ab healthily: version is fedcba987654, expected 0123456789ab — another build is serving (not promoted yet, or rolled back); there is NO previous version to roll back to — the new Worker stays as it is: fix forward and re-run; wrangler published the Worker at https://typed-cicd-next-d1-production.acme.workers.dev — if that is right, run npm run setup -- --apply (it writes the subdomain into workflows-src/cloudflare-account.ts) and commit`,
    );
    expect(releaseSummary(report)).toMatch(
      /^### Deploy — production 🚨 first-deploy-failed/,
    );
  });

  it("first deployment whose wrangler deploy fails reports it, and other status failures still stop the release", async () => {
    const fake = fakeWrangler({
      "deployments status": workerNotFound(10007),
      deploy: {
        code: 1,
        stderr:
          "✘ [ERROR] binding DB of type d1 must have a valid `id` specified",
      },
    });
    const report = await release(plan("http://127.0.0.1:1"), {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: SECRETS,
      log: silentLog,
      poll: virtualPoll,
    });
    expect(report).toMatchObject({
      outcome: "first-deploy-failed",
      error: expect.stringMatching(
        /^first deployment \(the Worker did not exist\): wrangler deploy failed \(exit 1\): .*must have a valid `id` specified — nothing served before/,
      ),
    });

    const auth = fakeWrangler({
      "deployments status": {
        code: 1,
        entries: [
          {
            type: "command-failed",
            version: 1,
            code: 10000,
            message: "Authentication error [code: 10000]",
          },
        ],
      },
    });
    const refused = await release(plan("http://127.0.0.1:1"), {
      cloudflare: createCloudflareClient({ wrangler: auth.wrangler }),
      env: SECRETS,
      log: silentLog,
      poll: virtualPoll,
    });
    expect(auth.commands()).toEqual(["deployments status"]);
    expect(refused).toMatchObject({
      outcome: "refused-before-traffic",
      error:
        "wrangler deployments status failed (exit 1): Authentication error [code: 10000]",
    });
  });

  it("never rebuilds: a missing or foreign artifact stops before any Cloudflare call", async () => {
    const fake = fakeWrangler({});
    const missing = await release(
      plan("http://x", { artifactDir: join(root, "nope") }),
      {
        cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
        env: SECRETS,
        log: silentLog,
        poll: virtualPoll,
      },
    );
    expect(missing.error).toMatch(
      /nope\/worker\.js not found — deploy ships the quality job's build artifact and never rebuilds/,
    );
    const foreign = await release(plan("http://x", { sha: OLD_SHA }), {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: SECRETS,
      log: silentLog,
      poll: virtualPoll,
    });
    expect(foreign.error).toMatch(
      new RegExp(`artifact was built from ${SHA}, not ${OLD_SHA}`),
    );
    const noSecrets = await release(plan("http://x"), {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: {},
      log: silentLog,
      poll: virtualPoll,
    });
    expect(noSecrets.error).toMatch(
      /^production: required secrets CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID not set/,
    );
    expect(fake.calls).toEqual([]);
  });
});

describe("release fills OpenNext's incremental cache with the app's own CLI (recorded wrangler and CLI)", () => {
  const appRoot = mkdtempSync(join(tmpdir(), "release-cache-"));
  const appArtifact = join(appRoot, ".open-next");
  mkdirSync(join(appArtifact, "cache", "BUILD", "fetch"), { recursive: true });
  writeFileSync(join(appArtifact, "worker.js"), "export default {}");
  writeFileSync(join(appArtifact, "app-version.txt"), `${SHA}\n`);
  writeFileSync(join(appArtifact, "cache", "BUILD", "index.cache"), "{}");
  writeFileSync(join(appArtifact, "cache", "BUILD", "fetch", "a"), "{}");
  const cli = join(appRoot, "node_modules", ".bin", "opennextjs-cloudflare");
  mkdirSync(join(appRoot, "node_modules", ".bin"), { recursive: true });
  writeFileSync(cli, "");
  afterAll(() => rmSync(appRoot, { recursive: true, force: true }));
  const withCache = {
    ...production,
    bindings: {
      r2: [{ binding: "NEXT_INC_CACHE_R2_BUCKET", bucketName: "blog-cache" }],
    },
  };

  function recorded(answer: { code: number; stderr?: string }) {
    const events: string[] = [];
    const runs: {
      command: string;
      args: readonly string[];
      cwd?: string;
      ci?: string;
    }[] = [];
    const runner: Runner = async (command, args, options = {}) => {
      events.push("populateCache");
      runs.push({ command, args, cwd: options.cwd, ci: options.env?.["CI"] });
      return {
        code: answer.code,
        stdout: "",
        stderr: answer.stderr ?? "",
        durationMs: 1,
        timedOut: false,
      };
    };
    return { events, runs, runner };
  }

  /** release() of the app with the cache binding, through a recorded wrangler and OpenNext CLI. */
  const releaseApp = (
    url: string,
    wrangler: Wrangler,
    runner: Runner,
    extra: Partial<ReleaseDeps> = {},
  ) =>
    release(plan(url, { environment: withCache, artifactDir: appArtifact }), {
      cloudflare: createCloudflareClient({ wrangler }),
      env: SECRETS,
      log: silentLog,
      poll: virtualPoll,
      runner,
      ...extra,
    });

  it("runs `opennextjs-cloudflare populateCache remote --env <env>` in the app after the serving version is known and before the upload, and says so in the checks", async () => {
    const preview = await server(answer(200, healthBody(SHA)));
    const live = await server(answer(200, healthBody(SHA)));
    const fake = fakeWrangler(
      script({ "versions upload": uploaded(preview.url) }),
    );
    const { events, runs, runner } = recorded({ code: 0 });
    const report = await releaseApp(
      live.url,
      async (args, options) => {
        events.push(args.slice(0, 2).join(" "));
        return fake.wrangler(args, options);
      },
      runner,
    );
    expect(report.error).toBeUndefined();
    expect(report.outcome).toBe("promoted");
    expect(runs).toEqual([
      {
        command: cli,
        args: ["populateCache", "remote", "--env", "production"],
        cwd: appRoot,
        ci: "true",
      },
    ]);
    expect(events.indexOf("populateCache")).toBeGreaterThan(
      events.indexOf("versions view"),
    );
    expect(events.indexOf("populateCache")).toBeLessThan(
      events.indexOf("versions upload"),
    );
    expect(report.checks).toContain(
      "incremental cache NEXT_INC_CACHE_R2_BUCKET: filled with 2 build-time entries (opennextjs-cloudflare populateCache remote)",
    );
  });

  it("stops before traffic when the CLI fails, in its last words with the credentials masked: no upload, nothing served changed", async () => {
    const fake = fakeWrangler(script());
    const { runner } = recorded({
      code: 1,
      stderr: `✘ [ERROR] Error uploading with token ${SECRETS.CLOUDFLARE_API_TOKEN}secret-token-value\nThe specified bucket does not exist.\n`,
    });
    const report = await releaseApp(
      "http://127.0.0.1:9",
      fake.wrangler,
      runner,
      { env: { ...SECRETS, CLOUDFLARE_API_TOKEN: "secret-token-value" } },
    );
    expect(report.outcome).toBe("refused-before-traffic");
    expect(report.error).toMatch(
      /^opennextjs-cloudflare populateCache remote --env production failed \(exit 1\): .*The specified bucket does not exist\. — nothing served changed/,
    );
    expect(report.error).not.toContain("secret-token-value");
    expect(fake.commands()).toEqual(["deployments status", "versions view"]);
  });

  it("stops before traffic, naming the fix, when the app's OpenNext CLI is not installed (the deploy toolset must install the app's dependencies); a superseded run fills nothing", async () => {
    rmSync(cli);
    try {
      const fake = fakeWrangler(script());
      const { runs, runner } = recorded({ code: 0 });
      const report = await releaseApp(
        "http://127.0.0.1:9",
        fake.wrangler,
        runner,
      );
      expect(report.outcome).toBe("refused-before-traffic");
      expect(report.error).toMatch(
        /^OpenNext's incremental cache \(NEXT_INC_CACHE_R2_BUCKET\) cannot be filled: node_modules\/\.bin\/opennextjs-cloudflare not found — .*\(init writes the lockfile install/,
      );
      expect(runs).toEqual([]);
    } finally {
      writeFileSync(cli, "");
    }
    const newer = "f".repeat(40);
    const fake = fakeWrangler(
      script({
        "versions view": {
          stdout: JSON.stringify({
            id: V_OLD,
            annotations: { "workers/tag": newer },
          }),
        },
      }),
    );
    const { runs, runner } = recorded({ code: 0 });
    const report = await releaseApp(
      "http://127.0.0.1:9",
      fake.wrangler,
      runner,
      { isAncestor: () => true },
    );
    expect(report.outcome).toBe("superseded");
    expect(runs).toEqual([]);
  });
});
