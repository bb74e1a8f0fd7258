/**
 * Pull-request previews end to end: `npm run deploy:preview` and `deploy:preview:cleanup` in a
 * sandbox copy of the repository, the real wrangler 4.164 against the Cloudflare API double. The
 * first push of #1 creates its database, applies #1's migrations (one more than main's) and seed,
 * and serves its build at pr-1; a second push moves the alias; #2 gets a database of its own; a
 * note written through one preview is seen neither by the other nor by staging; closing deletes
 * the database, twice without error; the sweep removes what a missed close left behind.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { preview } from "../../../workflows-src/environments";
import {
  cleanEnv,
  runCli,
  type CliRun,
} from "../../cloudflare-double/scenarios/run-cli";
import {
  createSandbox,
  type Sandbox,
} from "../../cloudflare-double/scenarios/sandbox";
import {
  startCloudflareDouble,
  type CloudflareDouble,
} from "../../cloudflare-double/start";

const STAGING_DB = "00000000-0000-0000-0000-000000000001";
// Each preview runs ~12 wrangler commands; on a busy 2-core machine each may take ~10 s.
const TIMEOUT = 300_000;

let double: CloudflareDouble;
let dir: string;
let sandbox: Sandbox;
/** #1's drizzle/: main's migrations plus one of its own, and a seed file. */
let pr1Data: string;

interface DbView {
  uuid: string;
  name: string;
}
const databases = async () =>
  (await double.control<{ d1: DbView[] }>("GET", "/__double/state")).d1;
const tables = (db: string) =>
  double
    .control<{ name: string }[][]>("POST", `/__double/d1/${db}/sql`, {
      sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf%' ESCAPE '\\' AND name NOT LIKE 'sqlite%' ORDER BY name",
    })
    .then((r) => r[0]?.map((t) => t.name) ?? []);
const notes = async (url: string) =>
  (
    JSON.parse((await double.traffic(`${url}/api/notes`)).body) as {
      notes: { author: string; message: string }[];
    }
  ).notes.map((n) => n.message);

function env() {
  return cleanEnv({ ...double.env, NODE_NO_WARNINGS: "1" });
}

async function previewOf(
  pr: number,
  sha: string,
  dataDir?: string,
): Promise<CliRun> {
  sandbox.artifact(sha);
  return runCli(
    sandbox.root,
    "deploy:preview",
    [
      "--pr",
      String(pr),
      "--sha",
      sha,
      ...(dataDir ? ["--data-dir", dataDir] : []),
    ],
    env(),
    TIMEOUT,
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "preview-it-"));
  double = await startCloudflareDouble({
    stateDir: join(dir, "double"),
    d1: [{ name: "typed-cicd-staging", uuid: STAGING_DB }],
  });
  sandbox = createSandbox(join(dir, "repo"));
  // Staging as a deploy leaves it: the app's table, no rows.
  await double.control("POST", `/__double/d1/${STAGING_DB}/sql`, {
    sql: "CREATE TABLE notes (id integer PRIMARY KEY AUTOINCREMENT NOT NULL, author text NOT NULL, message text NOT NULL, created_at integer NOT NULL)",
  });
  pr1Data = join(dir, "pr1");
  cpSync(join(sandbox.root, "drizzle"), join(pr1Data, "drizzle"), {
    recursive: true,
  });
  writeFileSync(
    join(pr1Data, "drizzle/migrations/0001_pr1_tags.sql"),
    "CREATE TABLE `tags` (`id` integer PRIMARY KEY NOT NULL, `label` text NOT NULL);\n",
  );
  mkdirSync(dirname(join(pr1Data, preview.seedFile)), { recursive: true });
  writeFileSync(
    join(pr1Data, preview.seedFile),
    "-- Reviewers open a guestbook that is not empty.\nINSERT INTO notes (author, message, created_at) VALUES ('seed', 'seeded for review', 0);\n",
  );
}, 120_000);

afterAll(async () => {
  await double?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("pull-request previews (real wrangler vs the Cloudflare double)", () => {
  let url1 = "";
  let url2 = "";
  let db1 = "";

  it(
    "first push of #1: creates its database, applies its migrations and seed, serves its build at pr-1",
    async () => {
      const sha = sandbox.commit("pr 1, first push");
      const run = await previewOf(1, sha, pr1Data);
      expect(run.code, run.stderr).toBe(0);
      url1 = run.outputs["url"] ?? "";
      expect(url1).toBe(
        `https://pr-1-${preview.workerName}.example.workers.dev`,
      );
      expect(run.outputs["database"]).toBe(`${preview.d1DatabasePrefix}1`);
      const db = (await databases()).find(
        (d) => d.name === `${preview.d1DatabasePrefix}1`,
      );
      db1 = db?.uuid ?? "";
      expect(await tables(db1)).toEqual(
        expect.arrayContaining(["d1_migrations", "notes", "tags"]),
      );
      const health = await double.traffic(`${url1}/api/health`);
      expect(health.status).toBe(200);
      expect(JSON.parse(health.body)).toMatchObject({ version: sha });
      expect(health.version).toBe(run.outputs["version-id"]);
      expect(await notes(url1)).toEqual(["seeded for review"]);
      console.log(
        `preview #1 first push: CLI ${run.ms.toFixed(0)} ms — ${run.stdout.split("\n").find((l) => l.startsWith("preview pr-1:")) ?? ""}`,
      );
    },
    TIMEOUT,
  );

  it(
    "a second push of #1 moves the alias to the new version, same database, no second seed",
    async () => {
      const sha = sandbox.commit("pr 1, second push");
      const run = await previewOf(1, sha, pr1Data);
      expect(run.code, run.stderr).toBe(0);
      expect(run.outputs["url"]).toBe(url1);
      const health = await double.traffic(`${url1}/api/health`);
      expect(JSON.parse(health.body)).toMatchObject({ version: sha });
      expect(health.version).toBe(run.outputs["version-id"]);
      expect(
        (await databases()).filter((d) =>
          d.name.startsWith(preview.d1DatabasePrefix),
        ),
      ).toEqual([expect.objectContaining({ uuid: db1 })]);
      expect(await notes(url1)).toEqual(["seeded for review"]);
      console.log(
        `preview #1 second push: CLI ${run.ms.toFixed(0)} ms — ${run.stdout.split("\n").find((l) => l.startsWith("preview pr-1:")) ?? ""}`,
      );
    },
    TIMEOUT,
  );

  it(
    "#2 gets a database of its own: a note written through one preview is not in the other, nor in staging",
    async () => {
      const sha = sandbox.commit("pr 2");
      const run = await previewOf(2, sha);
      expect(run.code, run.stderr).toBe(0);
      url2 = run.outputs["url"] ?? "";
      expect(url2).toBe(
        `https://pr-2-${preview.workerName}.example.workers.dev`,
      );
      const posted = await double.traffic(
        `${url2}/api/notes`,
        {},
        JSON.stringify({ author: "reviewer", message: "only in #2" }),
      );
      expect(posted.status).toBe(201);
      // #2 carries the repository's seed; #1 its own.
      expect(await notes(url2)).toEqual([
        "Welcome to this pull request's preview: its data is its own.",
        "only in #2",
      ]);
      expect(await notes(url1)).toEqual(["seeded for review"]);
      const staging = await double.control<unknown[][]>(
        "POST",
        `/__double/d1/${STAGING_DB}/sql`,
        { sql: "SELECT * FROM notes" },
      );
      expect(staging[0]).toEqual([]);
      // #2 has main's migrations only: #1's table is #1's alone.
      const db2 = (await databases()).find(
        (d) => d.name === `${preview.d1DatabasePrefix}2`,
      );
      expect(await tables(db2?.uuid ?? "")).not.toContain("tags");
    },
    TIMEOUT,
  );

  it(
    "closing #1 deletes its database and says so; closing again finds nothing to remove",
    async () => {
      const first = await runCli(
        sandbox.root,
        "deploy:preview:cleanup",
        ["--pr", "1"],
        env(),
        TIMEOUT,
      );
      expect(first.code, first.stderr).toBe(0);
      expect(first.outputs["removed"]).toBe(`${preview.d1DatabasePrefix}1`);
      expect((await databases()).map((d) => d.name)).not.toContain(
        `${preview.d1DatabasePrefix}1`,
      );
      const again = await runCli(
        sandbox.root,
        "deploy:preview:cleanup",
        ["--pr", "1"],
        env(),
        TIMEOUT,
      );
      expect(again.code, again.stderr).toBe(0);
      expect(again.outputs["removed"]).toBe("");
      expect(again.stdout + again.stderr).toMatch(/absent/);
      // #2 and staging are untouched.
      expect((await databases()).map((d) => d.name).sort()).toEqual([
        `${preview.d1DatabasePrefix}2`,
        "typed-cicd-staging",
      ]);
    },
    TIMEOUT,
  );

  it(
    "the sweep removes #2 once it is no longer open (a missed close), and finds nothing the second time",
    async () => {
      const sweep = () =>
        runCli(
          sandbox.root,
          "deploy:preview:cleanup",
          ["--sweep", "--open", "none", "--min-age", "0"],
          env(),
          TIMEOUT,
        );
      const first = await sweep();
      expect(first.code, first.stderr).toBe(0);
      expect(first.outputs["removed"]).toBe(`${preview.d1DatabasePrefix}2`);
      const again = await sweep();
      expect(again.code, again.stderr).toBe(0);
      expect(again.outputs["removed"]).toBe("");
      expect((await databases()).map((d) => d.name)).toEqual([
        "typed-cicd-staging",
      ]);
    },
    TIMEOUT,
  );
});
