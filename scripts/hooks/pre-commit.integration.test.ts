// The installed hook in a throw-away repository made from this checkout's files: it blocks a commit
// whose YAML is stale (and says why), judges the index rather than the working tree, and gets out
// of the way when skipped the usual ways.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../deploy/wrangler";
import { createScratchRepo, developerEnv } from "./scratch-repo";

// The mutation schedule lives in the workflow factories the definition files call.
const SOURCE = "workflows-src/builders/pipeline-workflows.ts";
let repo: string;

function sh(command: string, args: string[], extra?: Record<string, string>) {
  const result = spawnSync(command, args, {
    cwd: repo,
    env: developerEnv(extra),
    encoding: "utf8",
    timeout: 90_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

const commitCount = (): number =>
  Number(
    execFileSync("git", ["rev-list", "--count", "HEAD"], {
      cwd: repo,
      encoding: "utf8",
    }),
  );

function editCron(cron: string): void {
  const path = join(repo, SOURCE);
  writeFileSync(
    path,
    readFileSync(path, "utf8").replace(/cron: "[^"]+"/, `cron: "${cron}"`),
  );
}

beforeAll(() => {
  repo = createScratchRepo(REPO_ROOT);
});
afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
});

describe("the pre-commit hook", () => {
  it("is installed by the prepare script npm ci runs", () => {
    const install = sh("npm", ["run", "prepare"]);
    expect(install.output).toContain("Successfully set the pre-commit");
    expect(readFileSync(join(repo, ".git/hooks/pre-commit"), "utf8")).toContain(
      "scripts/hooks/pre-commit.ts",
    );
  }, 60_000);

  it("blocks a commit with stale YAML and shows why", () => {
    editCron("42 3 * * 1");
    sh("git", ["add", SOURCE]);
    const before = commitCount();
    const commit = sh("git", ["commit", "-m", "stale"]);
    expect(commit.code).toBe(1);
    expect(commit.output).toContain("pre-commit: check:workflows failed");
    expect(commit.output).toContain(".github/workflows/mutation.yml");
    expect(commit.output).toContain("npm run gen:workflows");
    expect(commitCount()).toBe(before);
  }, 90_000);

  it("judges the index: regenerated YAML left unstaged does not pass", () => {
    expect(sh("npm", ["run", "--silent", "gen:workflows"]).code).toBe(0);
    const commit = sh("git", ["commit", "-m", "still stale"]);
    expect(commit.code).toBe(1);
    expect(commit.output).toContain("(on an export of the index)");

    sh("git", ["add", "-A"]);
    const staged = sh("git", ["commit", "-m", "regenerated"]);
    expect(staged.output).toMatch(
      /pre-commit: prettier .* check:workflows passed/,
    );
    expect(staged.code).toBe(0);
  }, 120_000);

  it("runs Prettier on the staged files only", () => {
    writeFileSync(join(repo, "src/ugly.ts"), "export const  x = {a:1}\n");
    writeFileSync(join(repo, "scripts/also-ugly.ts"), "export const  y = 2\n");
    sh("git", ["add", "src/ugly.ts"]);
    const commit = sh("git", ["commit", "-m", "ugly"]);
    expect(commit.code).toBe(1);
    expect(commit.output).toContain("src/ugly.ts");
    expect(commit.output).not.toContain("also-ugly");
    expect(commit.output).not.toContain("check:workflows");
  }, 60_000);

  it("is skipped by --no-verify and by SKIP_SIMPLE_GIT_HOOKS=1", () => {
    const before = commitCount();
    expect(sh("git", ["commit", "--no-verify", "-m", "skip 1"]).code).toBe(0);
    editCron("44 3 * * 1");
    sh("git", ["add", SOURCE]);
    const skipped = sh("git", ["commit", "-m", "skip 2"], {
      SKIP_SIMPLE_GIT_HOOKS: "1",
    });
    expect(skipped.code).toBe(0);
    expect(commitCount()).toBe(before + 2);
  }, 60_000);
});
