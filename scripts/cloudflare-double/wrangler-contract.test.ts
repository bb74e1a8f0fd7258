/**
 * Contract tests: the REAL wrangler 4.164, with argv from scripts/deploy/wrangler-args.ts, against
 * the Cloudflare API double. Each test is one command the deploy pipeline runs; together they pin
 * the request/response shapes the double must answer and the output shapes our parsers read.
 * Tests run in order and share one double (a Worker's history builds up as it would in Cloudflare).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWrangler, type Wrangler } from "../deploy/wrangler";
import {
  CloudflareError,
  createCloudflareClient,
  createCloudflareGet,
  type CloudflareClient,
} from "../deploy/cloudflare";
import { configScopeResources } from "../deploy/cloudflare/scope-resources";
import {
  d1ExecuteJson,
  d1MigrationsApply,
  deployNewWorker,
  deploymentsStatus,
  REMOTE,
  rollback,
  timeTravelInfo,
  timeTravelRestore,
  versionsDeploy,
  versionsUpload,
  type WranglerScope,
} from "../deploy/wrangler-args";
import {
  isWorkerNotFound,
  parseJsonStdout,
  readBookmark,
  readDeploy,
  readDeploymentStatus,
  readExecuteResults,
  readRestore,
  readVersionUpload,
  servingVersion,
} from "../deploy/wrangler-output";
import { fixtureEnv, writeFixtureProject } from "./fixtures/fixture-project";
import { startCloudflareDouble, type CloudflareDouble } from "./start";

const WORKER = "contract-worker-staging";
const DB_ID = "00000000-0000-4000-8000-0000000000c1";
const scope: WranglerScope = { wranglerEnv: "staging", d1Binding: "DB" };
const SHA_A = "a".repeat(40);
const SHA_B = "b".repeat(40);
// Each test runs 1–4 wrangler commands; on a busy 2-core machine one takes up to ~15 s.
const TIMEOUT = 180_000;

let double: CloudflareDouble;
let dir: string;
let wrangler: Wrangler;

interface StateView {
  workers: {
    name: string;
    versions: { id: string; annotations: Record<string, string> }[];
    deployments: {
      versions: { version_id: string; percentage: number }[];
      annotations: Record<string, string>;
    }[];
  }[];
}

const rows = (sql: string) =>
  double.control<Record<string, unknown>[][]>(
    "POST",
    `/__double/d1/${DB_ID}/sql`,
    { sql },
  );
const state = () => double.control<StateView>("GET", "/__double/state");
const worker = async () =>
  (await state()).workers.find((w) => w.name === WORKER);

/**
 * GET /api/health as Node's fetch does it in the deploy CLIs: through the double as HTTPS proxy.
 * One child process answers every request in `requests`, in order (a Node start per URL cost more
 * than the fetches).
 */
function healthsThroughProxy(
  requests: readonly { url: string; headers?: Record<string, string> }[],
) {
  const script = `const answers = []; for (const { url, headers } of JSON.parse(process.argv[1])) { const r = await fetch(url, { headers: headers ?? {} }); answers.push({ status: r.status, body: await r.json() }); } console.log(JSON.stringify(answers));`;
  const out = execFileSync(
    process.execPath,
    ["--input-type=module", "-e", script, JSON.stringify(requests)],
    {
      env: { ...process.env, ...double.env, NODE_NO_WARNINGS: "1" },
      encoding: "utf8",
    },
  );
  return JSON.parse(out) as {
    status: number;
    body: { version: string; status: string };
  }[];
}
function healthThroughProxy(url: string, headers: Record<string, string> = {}) {
  const [answer] = healthsThroughProxy([{ url, headers }]);
  if (answer === undefined) throw new Error(`no answer for ${url}`);
  return answer;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "wrangler-contract-"));
  double = await startCloudflareDouble({
    stateDir: join(dir, "double"),
    d1: [{ name: "contract-db", uuid: DB_ID }],
  });
  const project = join(dir, "project");
  mkdirSync(project);
  writeFixtureProject(project, {
    workerName: "contract-worker",
    databaseName: "contract-db",
    databaseId: DB_ID,
  });
  writeFileSync(
    join(project, "migrations", "0000_notes.sql"),
    "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);\n",
  );
  writeFileSync(
    join(project, "migrations", "0001_seed.sql"),
    "INSERT INTO notes (body) VALUES ('first');\n",
  );
  wrangler = createWrangler({ cwd: project, env: fixtureEnv(double) });
}, TIMEOUT);

afterAll(async () => {
  await double?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("real wrangler against the Cloudflare API double", () => {
  it(
    "a bad token is refused with Cloudflare's Authentication error (code 10000)",
    async () => {
      const bad = createWrangler({
        cwd: join(dir, "project"),
        env: {
          ...fixtureEnv(double),
          CLOUDFLARE_API_TOKEN: "not-a-valid-token",
        },
      });
      const run = await bad(deploymentsStatus(scope, REMOTE));
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain("Authentication error [code: 10000]");
      // A valid token without the permission the call needs gets the same answer.
      await double.control("PUT", "/__double/tokens", {
        tokens: [
          double.token,
          { token: "d1-read-only", permissions: ["d1:read"] },
        ],
      });
      const readOnly = createWrangler({
        cwd: join(dir, "project"),
        env: { ...fixtureEnv(double), CLOUDFLARE_API_TOKEN: "d1-read-only" },
      });
      const write = await readOnly(
        d1ExecuteJson(scope, REMOTE, "CREATE TABLE t (id INTEGER)"),
      );
      expect(write.code).not.toBe(0);
      expect(write.stdout + write.stderr).toContain(
        "Authentication error [code: 10000]",
      );
    },
    TIMEOUT,
  );

  it(
    "d1 migrations apply --remote on a fresh database, then 'No migrations to apply!'",
    async () => {
      await expect(rows("SELECT name FROM d1_migrations")).rejects.toThrow(
        /no such table: d1_migrations/,
      );
      const first = await wrangler(d1MigrationsApply(scope, REMOTE));
      expect(first.code, first.stderr).toBe(0);
      expect(await rows("SELECT name FROM d1_migrations ORDER BY id")).toEqual([
        [{ name: "0000_notes.sql" }, { name: "0001_seed.sql" }],
      ]);
      const again = await wrangler(d1MigrationsApply(scope, REMOTE));
      expect(again.code).toBe(0);
      expect(again.stdout).toContain("No migrations to apply!");
    },
    TIMEOUT,
  );

  it(
    "d1 execute --remote --json: rows per statement on success, the SQLite error in error.notes[].text on failure",
    async () => {
      // Two statements, one request: the query API answers one result per statement and wrangler
      // prints that array as is (the deploy client reads several tables in one call this way).
      const ok = await wrangler(
        d1ExecuteJson(
          scope,
          REMOTE,
          "SELECT body FROM notes; SELECT count(*) AS n FROM notes",
        ),
      );
      expect(ok.code).toBe(0);
      expect(parseJsonStdout(ok.stdout, "d1 execute")).toMatchObject([
        { results: [{ body: "first" }], success: true },
        { results: [{ n: 1 }], success: true },
      ]);
      expect(readExecuteResults(ok.stdout)).toEqual([
        [{ body: "first" }],
        [{ n: 1 }],
      ]);
      const bad = await wrangler(
        d1ExecuteJson(scope, REMOTE, "SELECT * FROM missing_table"),
      );
      expect(bad.code).toBe(1);
      expect(parseJsonStdout(bad.stdout, "d1 execute")).toMatchObject({
        error: {
          notes: [
            { text: "no such table: missing_table: SQLITE_ERROR [code: 7500]" },
          ],
          code: 7500,
        },
      });
    },
    TIMEOUT,
  );

  it(
    "one request is one transaction: a failing statement undoes the earlier ones",
    async () => {
      const run = await wrangler(
        d1ExecuteJson(
          scope,
          REMOTE,
          "INSERT INTO notes (body) VALUES ('kept?'); INSERT INTO nowhere VALUES (1)",
        ),
      );
      expect(run.code).toBe(1);
      expect(await rows("SELECT count(*) AS n FROM notes")).toEqual([
        [{ n: 1 }],
      ]);
    },
    TIMEOUT,
  );

  it(
    "d1 time-travel info/restore --json: restore brings the rows back and answers the undo bookmark",
    async () => {
      const info = await wrangler(timeTravelInfo(scope, REMOTE));
      expect(info.code, info.stderr).toBe(0);
      const bookmark = readBookmark(info.stdout);
      await rows("INSERT INTO notes (body) VALUES ('after bookmark')");
      const restore = await wrangler(
        timeTravelRestore(scope, REMOTE, { bookmark }),
      );
      expect(restore.code, restore.stderr).toBe(0);
      const { restoredTo, undoBookmark } = readRestore(restore.stdout);
      expect(restoredTo).toBe(bookmark);
      expect(undoBookmark).not.toBe(bookmark);
      expect(await rows("SELECT body FROM notes")).toEqual([
        [{ body: "first" }],
      ]);
      const undo = await wrangler(
        timeTravelRestore(scope, REMOTE, { bookmark: undoBookmark }),
      );
      expect(undo.code).toBe(0);
      expect(await rows("SELECT count(*) AS n FROM notes")).toEqual([
        [{ n: 2 }],
      ]);
    },
    TIMEOUT,
  );

  it(
    "a Worker that does not exist: deployments status fails with 10007, versions upload refuses",
    async () => {
      const status = await wrangler(deploymentsStatus(scope, REMOTE));
      expect(status.code).not.toBe(0);
      expect(isWorkerNotFound(status.entries)).toBe(true);
      const upload = await wrangler(
        versionsUpload(scope, REMOTE, { tag: SHA_A, message: "too early" }),
      );
      expect(upload.code).not.toBe(0);
      expect(await worker()).toBeUndefined();
    },
    TIMEOUT,
  );

  it(
    "first deploy creates the Worker, tagged, serving on workers.dev",
    async () => {
      const run = await wrangler(
        deployNewWorker(scope, REMOTE, { tag: SHA_A, message: "first deploy" }),
      );
      expect(run.code, run.stderr).toBe(0);
      const deployed = readDeploy(run.entries);
      expect(deployed.urls).toContain(`https://${WORKER}.example.workers.dev`);
      const w = await worker();
      expect(w?.versions.map((v) => v.annotations["workers/tag"])).toEqual([
        SHA_A,
      ]);
      expect(w?.versions[0]?.id).toBe(deployed.versionId);
      const health = healthThroughProxy(
        `https://${WORKER}.example.workers.dev/api/health`,
      );
      expect(health).toMatchObject({
        status: 200,
        body: { status: "ok", version: SHA_A },
      });
    },
    TIMEOUT,
  );

  it(
    "versions upload --tag/--message: annotated version with a preview URL, not serving yet",
    async () => {
      const run = await wrangler(
        versionsUpload(scope, REMOTE, { tag: SHA_B, message: "second" }),
      );
      expect(run.code, run.stderr).toBe(0);
      const upload = readVersionUpload(run.entries);
      expect(upload.workerName).toBe(WORKER);
      expect(upload.previewUrl).toBe(
        `https://${(upload.versionId ?? "").slice(0, 8)}-${WORKER}.example.workers.dev`,
      );
      const version = (await worker())?.versions.find(
        (v) => v.id === upload.versionId,
      );
      expect(version?.annotations).toMatchObject({
        "workers/tag": SHA_B,
        "workers/message": "second",
      });
      const [preview, live] = healthsThroughProxy([
        { url: `${upload.previewUrl}/api/health` },
        { url: `https://${WORKER}.example.workers.dev/api/health` },
      ]);
      expect(preview?.body.version).toBe(SHA_B);
      expect(live?.body.version).toBe(SHA_A);
    },
    TIMEOUT,
  );

  it(
    "versions deploy with a 100/0 split, the override header, promotion, deployments status --json and rollback",
    async () => {
      const w = await worker();
      const [a, b] = (w?.versions ?? []).map((v) => v.id) as [string, string];
      const split = await wrangler(
        versionsDeploy(
          scope,
          REMOTE,
          [
            { versionId: a, percentage: 100 },
            { versionId: b, percentage: 0 },
          ],
          "smoke test",
        ),
      );
      expect(split.code, split.stderr).toBe(0);
      const url = `https://${WORKER}.example.workers.dev/api/health`;
      const [plain, overridden] = healthsThroughProxy([
        { url },
        {
          url,
          headers: {
            "Cloudflare-Workers-Version-Overrides": `${WORKER}="${b}"`,
          },
        },
      ]);
      expect(plain?.body.version).toBe(SHA_A);
      expect(overridden?.body.version).toBe(SHA_B);
      const promote = await wrangler(
        versionsDeploy(
          scope,
          REMOTE,
          [{ versionId: b, percentage: 100 }],
          "promote",
        ),
      );
      expect(promote.code).toBe(0);
      const status = await wrangler(deploymentsStatus(scope, REMOTE));
      expect(servingVersion(readDeploymentStatus(status.stdout))).toBe(b);
      const back = await wrangler(
        rollback(scope, REMOTE, a, "manual rollback: contract test"),
      );
      expect(back.code, back.stderr).toBe(0);
      const after = readDeploymentStatus(
        (await wrangler(deploymentsStatus(scope, REMOTE))).stdout,
      );
      expect(servingVersion(after)).toBe(a);
      expect(after.annotations?.["workers/message"]).toBe(
        "manual rollback: contract test",
      );
      expect(healthThroughProxy(url).body.version).toBe(SHA_A);
    },
    TIMEOUT,
  );

  it(
    "d1 execute --remote --file (the runbook's re-import): the import API, one transaction",
    async () => {
      const file = join(dir, "project", "rows.sql");
      writeFileSync(
        file,
        "CREATE TABLE imported (id INTEGER PRIMARY KEY, v TEXT NOT NULL);\nINSERT INTO imported (v) VALUES ('a');\nINSERT INTO imported (v) VALUES ('b');\n",
      );
      const args = ["d1", "execute", "DB", "--remote", "--env", "staging"];
      const run = await wrangler([...args, "--file", file]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain("Executed 3 queries");
      expect(await rows("SELECT v FROM imported ORDER BY id")).toEqual([
        [{ v: "a" }, { v: "b" }],
      ]);
      // A failing statement rolls the whole file back, as D1 documents for an import.
      writeFileSync(
        file,
        "INSERT INTO imported (v) VALUES ('c');\nINSERT INTO missing (v) VALUES ('d');\n",
      );
      const failed = await wrangler([...args, "--file", file]);
      expect(failed.code).not.toBe(0);
      expect(failed.stdout + failed.stderr).toContain("no such table: missing");
      expect(await rows("SELECT count(*) AS n FROM imported")).toEqual([
        [{ n: 2 }],
      ]);
    },
    TIMEOUT,
  );

  it(
    "the client's direct API reads answer what the same reads through wrangler answer, and start no wrangler",
    async () => {
      const env = fixtureEnv(double);
      const get = createCloudflareGet(env, env["CLOUDFLARE_API_TOKEN"] ?? "");
      const accountId = env["CLOUDFLARE_ACCOUNT_ID"] ?? "";
      const throughWrangler = createCloudflareClient({
        wrangler,
        api: { get, accountId },
      });
      const started: string[] = [];
      const directClient = (project: string): CloudflareClient =>
        createCloudflareClient({
          wrangler: (args) => {
            started.push(args.join(" "));
            return wrangler(args);
          },
          api: {
            get,
            accountId,
            resources: configScopeResources(project, env),
          },
        });
      const direct = directClient(join(dir, "project"));

      const state = await direct.deploymentState(scope);
      expect(state).toEqual(await throughWrangler.deploymentState(scope));
      expect(state.kind).toBe("serving");
      const list = await direct.listDeployments(scope);
      expect(list).toEqual(await throughWrangler.listDeployments(scope));
      expect(list.length).toBeGreaterThan(2);
      const a = (await worker())?.versions[0]?.id ?? "";
      expect(await direct.versionTag(scope, a)).toBe(SHA_A);
      expect(await throughWrangler.versionTag(scope, a)).toBe(SHA_A);
      const bookmark = await direct.bookmark(scope);
      expect(bookmark).toBe(await throughWrangler.bookmark(scope));
      const statements = [
        "SELECT body FROM notes ORDER BY id",
        "SELECT count(*) AS n FROM imported",
      ];
      const rowsDirect = await direct.queries(scope, REMOTE, statements);
      expect(rowsDirect).toEqual(
        await throughWrangler.queries(scope, REMOTE, statements),
      );
      expect(rowsDirect).toEqual([
        [{ body: "first" }, { body: "after bookmark" }],
        [{ n: 2 }],
      ]);

      // Refusals carry the same code and note either way.
      const refusal = async (client: CloudflareClient) => {
        const error = await client
          .query(scope, REMOTE, "SELECT * FROM missing")
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        expect(error).toBeInstanceOf(CloudflareError);
        const { code, notes } = error as CloudflareError;
        return { code, notes };
      };
      const sqlError = await refusal(direct);
      expect(sqlError).toEqual(await refusal(throughWrangler));
      expect(sqlError.code).toBe(7500);
      expect(sqlError.notes.join("\n")).toContain("no such table: missing");
      // A config naming a Worker Cloudflare does not have: "no-worker" both ways.
      const elsewhere = join(dir, "elsewhere");
      mkdirSync(elsewhere);
      writeFixtureProject(elsewhere, {
        workerName: "never-deployed",
        databaseName: "contract-db",
        databaseId: DB_ID,
      });
      expect(await directClient(elsewhere).deploymentState(scope)).toEqual({
        kind: "no-worker",
      });
      expect(
        await createCloudflareClient({
          wrangler: createWrangler({ cwd: elsewhere, env }),
          api: { get, accountId },
        }).deploymentState(scope),
      ).toEqual({ kind: "no-worker" });
      expect(started).toEqual([]);
    },
    TIMEOUT,
  );

  it("every API request wrangler made was one the double implements", async () => {
    const requests = await double.control<
      { method: string; path: string; code?: number }[]
    >("GET", "/__double/requests");
    expect(requests.filter((r) => r.code === 7003)).toEqual([]);
  });
});
