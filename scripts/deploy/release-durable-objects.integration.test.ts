/**
 * A Worker shaped like sebc-dev/website (three OpenNext Durable Object classes with wrangler
 * migrations, an R2 cache bucket, a KV namespace, WORKER_SELF_REFERENCE, `/` → `/fr/`, no
 * /api/health) released FOR REAL — the real wrangler 4.164 uploading to the Cloudflare API double,
 * not --dry-run — through release() in a child process, as deploy:release runs it. Steps build
 * on each other like an app's history: first deploy, routine deploy, a release carrying a new DO
 * migration (wrangler deploy), and one whose migration is only found by wrangler's refusal and
 * that fails after the migration (no rollback below it).
 */
import { execFile } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Environment } from "../../workflows-src/builders/environment-model";
import {
  addMigration,
  DO_CLASSES,
  envWorkerName,
  writeBuild,
  writeDurableObjectsProject,
  type DurableObjectsProject,
} from "../cloudflare-double/fixtures/durable-objects-project";
import { fixtureEnv } from "../cloudflare-double/fixtures/fixture-project";
import {
  startCloudflareDouble,
  type CloudflareDouble,
} from "../cloudflare-double/start";
import { CloudflareError, createCloudflareClient } from "./cloudflare";
import { createCloudflareGet } from "./cloudflare/api";
import { checkRollbackMigrations } from "./rollback-migration-guard";
import type { ReleaseReport } from "./release";
import { createWrangler } from "./wrangler";
import { REMOTE, rollback, versionsUpload } from "./wrangler-args";

const run = promisify(execFile);
const RUNNER = fileURLToPath(
  new URL("./fixtures/run-release.ts", import.meta.url),
);
const TSX = fileURLToPath(
  new URL("../../node_modules/tsx/dist/loader.mjs", import.meta.url),
);
const WRANGLER_JS = fileURLToPath(
  new URL("../../node_modules/wrangler/bin/wrangler.js", import.meta.url),
);
// A release runs 3-6 wrangler commands; on a busy 2-core machine each takes up to ~15 s.
const TIMEOUT = 240_000;

const project: DurableObjectsProject = {
  workerName: "blog",
  wranglerEnv: "staging",
  bucketName: "blog-cache-staging",
  kvNamespaceId: "",
};
const WORKER = envWorkerName(project);
const sha = (c: string) => c.repeat(40);

let double: CloudflareDouble;
let dir: string;
let cwd: string;
let kvId: string;

interface WorkerView {
  name: string;
  migrationTag: string | null;
  durableObjectClasses: string[];
  /** Newest first. */
  versions: { id: string; annotations: Record<string, string> }[];
  deployments: {
    versions: { version_id: string; percentage: number }[];
    annotations: Record<string, string>;
  }[];
}
const worker = async () =>
  (
    await double.control<{ workers: WorkerView[] }>("GET", "/__double/state")
  ).workers.find((w) => w.name === WORKER);
const requests = () =>
  double.control<{ method: string; path: string; status: number }[]>(
    "GET",
    "/__double/requests",
  );

function environment(): Environment {
  return {
    name: "staging",
    branch: "develop",
    url: `https://${WORKER}.example.workers.dev`,
    wranglerEnv: project.wranglerEnv,
    d1Binding: "DB",
    d1DatabaseName: "blog-staging",
    reviewers: [],
    preventSelfReview: false,
    secrets: ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_ACCOUNT_ID"],
    workerName: WORKER,
    bindings: {
      r2: [
        { binding: "NEXT_INC_CACHE_R2_BUCKET", bucketName: project.bucketName },
      ],
      kv: [{ binding: "NEXT_TAG_CACHE_KV", title: "blog-tags-staging" }],
      durableObjects: DO_CLASSES.map((className) => ({
        binding: className.toUpperCase(),
        className,
      })),
      services: [{ binding: "WORKER_SELF_REFERENCE", service: "self" }],
    },
    // No /api/health: the home page redirects to the French locale, which must answer 200.
    health: { kind: "smoke", checks: [{ path: "/", status: 200 }] },
  };
}

/** The wrangler config as each commit released it: what `git show <sha>:wrangler.jsonc` would give. */
const configAt = new Map<string, string>();

async function releaseAs(
  commit: string,
  options: { configFile?: boolean; deadlineMs?: number } = {},
): Promise<ReleaseReport> {
  configAt.set(commit, readFileSync(join(cwd, "wrangler.jsonc"), "utf8"));
  const plan = {
    environment: environment(),
    sha: commit,
    message: `deploy ${commit.slice(0, 7)}`,
    artifactDir: join(cwd, "src"),
    healthDeadlineMs: options.deadlineMs ?? 20_000,
    requestTimeoutMs: 5_000,
    ...(options.configFile === false
      ? {}
      : { wranglerConfigFile: join(cwd, "wrangler.jsonc") }),
    cwd,
    logFile: join(dir, `release-${commit.slice(0, 7)}.log`),
  };
  const { stdout } = await run(
    process.execPath,
    ["--import", TSX, RUNNER, JSON.stringify(plan)],
    {
      env: fixtureEnv(double) as NodeJS.ProcessEnv,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as ReleaseReport;
}

/**
 * The app's `opennextjs-cloudflare`, in its own node_modules/.bin: it stands for OpenNext 1.13's
 * `populateCache remote` on an R2 cache (what sebc-dev/website's CLI ran in walk 5): the bulk list
 * of the build's cache entries, keyed `incremental-cache/<build id>/<path>`, sent by the REAL
 * wrangler (`r2 bulk put --remote`) to the bucket. OpenNext's own CLI needs a real build's compiled
 * config; 1.20 (this repository's) fills R2 through a remote-bindings session the double cannot
 * answer. Records the arguments it was given, and whether the token reached it.
 */
function writeOpenNextCli(root: string): string {
  const asked = join(root, "opennext-asked.json");
  const bin = join(root, "node_modules", ".bin", "opennextjs-cloudflare");
  mkdirSync(dirname(bin), { recursive: true });
  writeFileSync(
    bin,
    `#!/usr/bin/env node
const { readdirSync, writeFileSync } = require("node:fs");
const { spawnSync } = require("node:child_process");
const { join, relative } = require("node:path");
writeFileSync(${JSON.stringify(asked)}, JSON.stringify({ args: process.argv.slice(2), token: Boolean(process.env.CLOUDFLARE_API_TOKEN) }));
const cache = join(process.cwd(), "src", "cache");
const entries = readdirSync(cache, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => join(e.parentPath, e.name))
  .map((file) => ({ key: "incremental-cache/" + relative(cache, file), file }));
const list = join(process.cwd(), "r2-bulk-list.json");
writeFileSync(list, JSON.stringify(entries));
const run = spawnSync(process.execPath, [${JSON.stringify(WRANGLER_JS)}, "r2", "bulk", "put", ${JSON.stringify(project.bucketName)}, "--filename", list, "--remote", "--force"], { stdio: "inherit" });
process.exit(run.status ?? 1);
`,
    { mode: 0o755 },
  );
  return asked;
}

async function api(path: string, body: unknown) {
  const response = await fetch(`${double.apiBaseUrl}${path}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${double.token}`,
      "content-type": "application/json",
    },
    body: JSON.stringify(body),
  });
  return ((await response.json()) as { result: { id?: string } }).result;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "release-do-"));
  double = await startCloudflareDouble({ stateDir: join(dir, "double") });
  // What `npm run setup` creates for the environment (its own tests drive wrangler for this).
  await api(`/accounts/${double.accountId}/r2/buckets`, {
    name: project.bucketName,
  });
  kvId = String(
    (
      await api(`/accounts/${double.accountId}/storage/kv/namespaces`, {
        title: "blog-tags-staging",
      })
    ).id,
  );
  cwd = join(dir, "project");
  mkdirSync(cwd);
  writeDurableObjectsProject(
    cwd,
    { ...project, kvNamespaceId: kvId },
    sha("a"),
  );
}, TIMEOUT);

afterAll(async () => {
  await double?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("releasing a Worker with Durable Objects, R2, KV and a self service binding", () => {
  it(
    "first deploy creates the Worker with wrangler deploy, applying migration v1 (three DO classes)",
    async () => {
      const report = await releaseAs(sha("a"));
      expect(report.outcome, report.error).toBe("promoted");
      const w = await worker();
      expect(w?.migrationTag).toBe("v1");
      expect(w?.durableObjectClasses).toEqual([...DO_CLASSES].sort());
      expect(report.checks.join("\n")).toMatch(
        /\/ → 200 \(redirected to \/fr\/\)/,
      );
      expect(report.checks.join("\n")).toContain("first deployment");
      // No build-time cache entries yet: nothing to say about the cache.
      expect(report.checks.join("\n")).not.toContain("incremental cache");
    },
    TIMEOUT,
  );

  it(
    "a routine deploy goes through versions upload, the preview URL and versions deploy; Cloudflare confirms the version",
    async () => {
      writeBuild(cwd, sha("b"));
      // OpenNext's build-time cache entries, for the R2 incremental cache this Worker binds.
      mkdirSync(join(cwd, "src", "cache", "build-1"), { recursive: true });
      writeFileSync(join(cwd, "src", "cache", "build-1", "index.cache"), "{}");
      const asked = writeOpenNextCli(cwd);
      const report = await releaseAs(sha("b"));
      expect(report.outcome, report.error).toBe("promoted");
      // The release ran the app's CLI for this environment, with the job's credentials.
      expect(JSON.parse(readFileSync(asked, "utf8"))).toEqual({
        args: [
          "populateCache",
          "remote",
          "--env",
          "staging",
          "--config",
          join(cwd, "wrangler.jsonc"),
        ],
        token: true,
      });
      expect(report.checks).toContain(
        "incremental cache NEXT_INC_CACHE_R2_BUCKET: filled with 1 build-time entry (opennextjs-cloudflare populateCache remote)",
      );
      // …before the upload, through the REAL wrangler into the bucket on the double.
      const phases = report.timings.map((t) => t.phase);
      expect(
        phases.findIndex((p) =>
          p.startsWith("fill OpenNext's incremental cache"),
        ),
      ).toBeLessThan(phases.indexOf("upload the new version"));
      const buckets = (
        await double.control<{
          r2Buckets: {
            name: string;
            objects?: Record<string, { size: number }>;
          }[];
        }>("GET", "/__double/state")
      ).r2Buckets;
      expect(
        buckets.find((b) => b.name === project.bucketName)?.objects,
      ).toEqual({
        "incremental-cache/build-1/index.cache": expect.objectContaining({
          size: 2,
        }),
      });
      expect(report.previewUrl).toMatch(
        /^https:\/\/[0-9a-f]{8}-blog-staging\./,
      );
      expect(report.checks.join("\n")).toContain("is at v1, nothing pending");
      expect(report.timings.map((t) => t.phase)).toContain(
        "confirm the serving version on Cloudflare",
      );
      const w = await worker();
      expect(w?.deployments[0]?.versions).toEqual([
        { version_id: report.versionId, percentage: 100 },
      ]);
      expect(w?.deployments[0]?.annotations["workers/triggered_by"]).toBe(
        "deployment",
      );
    },
    TIMEOUT,
  );

  it(
    "the REAL wrangler refuses versions upload while a DO migration is pending, before sending the version",
    async () => {
      addMigration(
        cwd,
        { ...project, kvNamespaceId: kvId },
        "v2",
        "ArticleViews",
      );
      writeBuild(cwd, sha("c"));
      const before = (await requests()).length;
      const wrangler = createWrangler({ cwd, env: fixtureEnv(double) });
      const upload = await wrangler(
        versionsUpload({ wranglerEnv: "staging", d1Binding: "DB" }, REMOTE, {
          tag: sha("c"),
          message: "routine",
        }),
      );
      expect(upload.code).toBe(1);
      const error = new CloudflareError(upload, (t) => t);
      expect(error.refusesPendingMigration).toBe(true);
      expect(error.message).toContain(
        "This Worker has a pending Durable Object migration, which cannot be applied by `wrangler versions upload`",
      );
      const sent = (await requests()).slice(before);
      expect(
        sent.some((r) => r.method === "POST" && r.path.endsWith("/versions")),
      ).toBe(false);
      expect(
        sent.some((r) => r.path.endsWith(`/workers/services/${WORKER}`)),
      ).toBe(true);
    },
    TIMEOUT,
  );

  it(
    "a release carrying migration v2 is found by the migration tag and goes out with wrangler deploy, then is checked",
    async () => {
      const report = await releaseAs(sha("c"));
      expect(report.outcome, report.error).toBe("promoted");
      expect(report.checks.join("\n")).toContain(
        "Durable Object migration v1 → v2 pending (found by migration tag)",
      );
      expect(report.timings.map((t) => t.phase)).toEqual(
        expect.arrayContaining([
          "deploy with the Durable Object migration",
          "confirm the serving version on Cloudflare",
        ]),
      );
      expect(report.timings.map((t) => t.phase)).not.toContain(
        "upload the new version",
      );
      const w = await worker();
      expect(w?.migrationTag).toBe("v2");
      expect(w?.durableObjectClasses).toContain("ArticleViews");
      expect(w?.deployments[0]?.annotations["workers/triggered_by"]).toBe(
        "upload",
      );
    },
    TIMEOUT,
  );

  it(
    "a migration found only by wrangler's refusal still deploys; failing after it, nothing rolls back below the migration",
    async () => {
      const before = await worker();
      const previous = before?.deployments[0]?.versions[0]?.version_id;
      addMigration(
        cwd,
        { ...project, kvNamespaceId: kvId },
        "v3",
        "Newsletter",
      );
      writeBuild(cwd, sha("d"), "unhealthy");
      const report = await releaseAs(sha("d"), {
        configFile: false,
        deadlineMs: 3_000,
      });
      expect(report.outcome).toBe("failed-after-migration");
      expect(report.checks.join("\n")).toContain(
        "found by versions upload refusal",
      );
      expect(report.error).toMatch(
        /NOT rolled back: the Durable Object migration \(none\) → \(tags not read\) is applied/,
      );
      const w = await worker();
      expect(w?.migrationTag).toBe("v3");
      expect(w?.deployments[0]?.versions[0]?.version_id).toBe(report.versionId);
      // deploy:rollback asks first, through the real client against the double: the previous
      // version's commit released the config at v2, the Worker stands at v3.
      const env = fixtureEnv(double);
      const wrangler = createWrangler({ cwd, env });
      const guard = await checkRollbackMigrations({
        cf: createCloudflareClient({
          wrangler,
          api: {
            get: createCloudflareGet(env, double.token),
            accountId: double.accountId,
          },
        }),
        env: environment(),
        versionId: previous ?? "",
        configFile: join(cwd, "wrangler.jsonc"),
        configAt: (commit) => configAt.get(commit),
      });
      expect(guard).toMatchObject({
        kind: "crosses",
        reason: expect.stringMatching(
          /was built at Durable Object migration v2, and the Worker stands at v3: Cloudflare refuses a rollback across a Durable Object migration, so nothing was changed/,
        ),
      });
      // What the pipeline refuses to do, Cloudflare refuses too: a rollback across the migration.
      const back = await wrangler(
        rollback(
          { wranglerEnv: "staging", d1Binding: "DB" },
          REMOTE,
          previous ?? "",
          "manual",
        ),
      );
      expect(back.code).not.toBe(0);
      expect(back.stderr + back.stdout).toMatch(
        /Durable Object migration occurred between them/,
      );
    },
    TIMEOUT,
  );
});
