/**
 * The N−1 check on the real guestbook: a fixture repository copied from this commit (git archive)
 * is the serving commit; each case adds migrations on top, as a pull request would. The serving
 * build is built ONCE, by the first case that needs it (the build-from-source path, node_modules
 * hard-linked), and handed to the others as an artifact — one of them through the Actions API
 * double, as CI fetches it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnRunner } from "../deploy/child-process";
import { timingTable } from "../deploy/stages";
import { environments } from "../../workflows-src/environments";
import { checkCompat, type CompatResult } from "./check-compat";
import { removeWorktree } from "./old-checkout";
import { resolveServing } from "./resolve-serving";
import {
  startActionsDouble,
  type ActionsDouble,
} from "./fixtures/actions-double";

const repoRoot = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "compat-fixture-"));
const repo = join(work, "repo");
const migrations = join(repo, "drizzle", "migrations");
const git = (...args: string[]) =>
  execFileSync("git", args, { cwd: repo, encoding: "utf8" }).trim();
const lines: string[] = [];
const say = (line: string) => void lines.push(line);
let serving = "";
/** The serving build, kept (with its worktree) from the first case that built it. */
let builtDir: string | undefined;
let keptDir: string | undefined;
let double: ActionsDouble | undefined;

/** This pull request's migrations: the only files on top of the serving commit. */
function pullRequest(files: Record<string, string>): void {
  git("clean", "-fdq", "drizzle");
  for (const [name, sql] of Object.entries(files))
    writeFileSync(join(migrations, name), sql);
}

async function check(artifact?: string): Promise<CompatResult> {
  const result = await checkCompat({
    root: repo,
    serving,
    servingFrom: "--against",
    artifact,
    keep: artifact === undefined,
    run: spawnRunner,
    say,
  });
  // The stage timings are the measurement the docs quote.
  if (result.kind !== "skipped") console.log(timingTable(result.stages));
  return result;
}

beforeAll(() => {
  mkdirSync(repo);
  execFileSync("sh", [
    "-c",
    `git -C "${repoRoot}" archive HEAD | tar -x -C "${repo}"`,
  ]);
  symlinkSync(join(repoRoot, "node_modules"), join(repo, "node_modules"));
  // The serving commit once had a `mood` column; its code stopped reading it (step 1 of a drop).
  writeFileSync(
    join(migrations, "0001_add_mood.sql"),
    "ALTER TABLE `notes` ADD `mood` text;\n",
  );
  git("init", "-q");
  git("add", "-A");
  git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "serving");
  serving = git("rev-parse", "HEAD");
});

afterAll(async () => {
  await double?.close();
  if (keptDir !== undefined) {
    await removeWorktree(repo, join(keptDir, "serving"), spawnRunner);
    rmSync(keptDir, { recursive: true, force: true });
  }
  rmSync(work, { recursive: true, force: true });
});

// A build (~40 s) and three served runs (~30 s each) on a shared two-core machine.
const SLOW = 300_000;

describe("check:compat on the guestbook", () => {
  it(
    "the first deploy of an environment skips: nothing serves yet",
    async () => {
      double = await startActionsDouble([]);
      const found = await resolveServing(
        { kind: "environment", name: environments.staging.name },
        {
          from: "github",
          repository: "acme/guestbook",
          artifact: undefined,
          root: repo,
          env: { GITHUB_TOKEN: "read-only", GITHUB_API_URL: double.url },
          say,
        },
      );
      expect(found.commit).toBeUndefined();
      const result = await checkCompat({
        root: repo,
        serving: found.commit,
        servingFrom: found.label,
        run: spawnRunner,
        say,
      });
      expect(result).toEqual({
        kind: "skipped",
        reason: expect.stringMatching(
          /^nothing serves staging \(develop\) yet \(first deploy\)/,
        ),
      });
      await double.close();
      double = undefined;
    },
    SLOW,
  );

  it(
    "a serving commit whose artifact expired and whose source is gone fails closed, saying how to fix it",
    async () => {
      const gone = "e".repeat(40);
      double = await startActionsDouble([
        {
          id: 9,
          branch: "main",
          headSha: gone,
          conclusion: "success",
          artifact: { expired: true },
        },
      ]);
      lines.length = 0;
      const found = await resolveServing(
        { kind: "environment", name: environments.production.name },
        {
          from: "github",
          repository: "acme/guestbook",
          artifact: undefined,
          root: repo,
          env: { GITHUB_TOKEN: "read-only", GITHUB_API_URL: double.url },
          say,
        },
      );
      expect(found).toMatchObject({ commit: gone, artifact: undefined });
      expect(lines.join("\n")).toMatch(
        /artifact expired .*building it from source/,
      );
      const result = await checkCompat({
        root: repo,
        serving: found.commit,
        servingFrom: found.label,
        run: spawnRunner,
        say,
      });
      expect(result).toMatchObject({
        kind: "failed",
        error: expect.stringMatching(
          /^serving commit e{40} \(production \(main\)\): its source is not in this clone and `git fetch origin e{40}` failed, and no artifact was given, so its E2E suite cannot run — fetch the commit/,
        ),
      });
      await double.close();
      double = undefined;
    },
    SLOW,
  );

  it(
    "no migration since the serving commit skips (step 1 of a drop: the code stopped reading mood)",
    async () => {
      pullRequest({});
      const result = await check();
      expect(result).toMatchObject({
        kind: "skipped",
        reason: expect.stringMatching(
          /^no migration is new since the serving commit/,
        ),
      });
    },
    SLOW,
  );

  it(
    "a column rename the serving code reads FAILS, though the gate passes it with an allow",
    async () => {
      pullRequest({
        "0002_rename_author.sql":
          "-- migration-lint: allow rename-column: nothing reads notes.author any more (wrong!)\nALTER TABLE `notes` RENAME COLUMN `author` TO `author_name`;\n",
      });
      const gate = spawnSync(
        process.execPath,
        [
          "--import",
          "tsx",
          join(repoRoot, "scripts/migration-lint/cli.ts"),
          "--skip-drizzle-check",
        ],
        { cwd: repo, encoding: "utf8" },
      );
      expect(gate.stdout).toMatch(/1 allowed/);
      expect(gate.status).toBe(0);

      lines.length = 0;
      const result = await check();
      keptDir = lines
        .find((l) => l.startsWith("kept: "))
        ?.slice("kept: ".length);
      if (keptDir !== undefined)
        builtDir = join(keptDir, "serving", ".open-next");
      expect(result.kind).toBe("checked");
      if (result.kind !== "checked") return;
      expect(result.stages.map((s) => s.note)).toContain("hard-linked");
      expect(result.verdict).toMatchObject({ status: "breaking", exitCode: 1 });
      expect(result.verdict.lines[0]?.text).toMatch(
        /^guestbook\.spec\.ts › .+ failed on the serving build [0-9a-f]{12} on the new schema \(migration drizzle\/migrations\/0002_rename_author\.sql\): .+ \(the worker logged: .*no column named author.*\) — make the migration backward-compatible \(expand\/contract: docs\/deployment\/migrations-guide\.md#expand-and-contract\)/,
      );
    },
    SLOW,
  );

  it(
    "an additive migration passes — the expand step of renaming author",
    async () => {
      expect(builtDir).toBeDefined();
      pullRequest({
        "0002_add_author_name.sql":
          "ALTER TABLE `notes` ADD `author_name` text;\n--> statement-breakpoint\nUPDATE `notes` SET `author_name` = `author`;\n",
      });
      const result = await check(builtDir);
      expect(result).toMatchObject({
        kind: "checked",
        verdict: { status: "compatible", exitCode: 0 },
      });
    },
    SLOW,
  );

  it(
    "the contract step (drop mood, which the serving code no longer reads) passes; serving build found through the Actions API",
    async () => {
      expect(builtDir).toBeDefined();
      const zip = join(work, "worker-build.zip");
      execFileSync("zip", ["-qr", zip, "."], { cwd: builtDir });
      double = await startActionsDouble([
        {
          id: 7,
          branch: "develop",
          headSha: serving,
          conclusion: "success",
          artifact: { zip },
        },
        {
          id: 8,
          branch: "develop",
          headSha: "f".repeat(40),
          conclusion: "failure",
        },
      ]);
      pullRequest({
        "0002_drop_mood.sql":
          "-- migration-lint: allow drop-column: mood unread since the serving release\nALTER TABLE `notes` DROP COLUMN `mood`;\n",
      });
      const found = await resolveServing(
        { kind: "environment", name: "staging" },
        {
          from: "github",
          repository: "acme/guestbook",
          artifact: undefined,
          root: repo,
          env: { GITHUB_TOKEN: "read-only", GITHUB_API_URL: double.url },
          say,
        },
      );
      expect(found.commit).toBe(serving);
      expect(found.artifact).toBeDefined();
      try {
        const result = await check(found.artifact);
        expect(result).toMatchObject({
          kind: "checked",
          verdict: { status: "compatible", exitCode: 0 },
        });
      } finally {
        await found.cleanup();
      }
      expect(double.requests).toEqual([
        "GET /repos/acme/guestbook/actions/workflows/deploy.yml/runs",
        "GET /repos/acme/guestbook/actions/runs/7/artifacts",
        "GET /repos/acme/guestbook/actions/artifacts/70/zip",
        "GET /blob/70.zip",
      ]);
    },
    SLOW,
  );
});
