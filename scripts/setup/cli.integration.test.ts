/**
 * The CLI as npm runs it (tsx scripts/setup/cli.ts): flags, exit codes, and the GitHub half over
 * HTTP against the GitHub API double started in this process.
 */
import { afterEach, describe, expect, it } from "vitest";
import { join } from "node:path";
import { spawnRunner } from "../deploy/child-process";
import { REPO_ROOT } from "../deploy/wrangler";
import { startGitHubDouble, type GitHubDouble } from "./github-double/server";

const TSX = join(REPO_ROOT, "node_modules/.bin/tsx");
const CLI = join(REPO_ROOT, "scripts/setup/cli.ts");

let double: GitHubDouble | undefined;
afterEach(async () => {
  await double?.close();
  double = undefined;
});

function run(args: string[], env: Record<string, string> = {}) {
  return spawnRunner(TSX, [CLI, ...args], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env["PATH"] ?? "",
      HOME: process.env["HOME"] ?? "",
      ...env,
    },
    timeoutMs: 60_000,
  });
}

describe("npm run setup (CLI)", () => {
  it("refuses contradicting flags with exit 2", async () => {
    const result = await run(["--apply", "--check"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "error: --plan, --apply and --check exclude each other — see --help",
    );
  });

  it("--check exits 1 on a fresh repository and names what is missing, writing nothing", async () => {
    double = await startGitHubDouble({ users: ["replace-me-first-approver"] });
    const result = await run(
      ["--check", "--only", "github", "--repo", "acme/app"],
      {
        GITHUB_TOKEN: double.state.token,
        GITHUB_API_URL: double.url,
      },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "missing  branch develop — would be created from main",
    );
    expect(double.state.requests.filter((r) => !r.startsWith("GET "))).toEqual(
      [],
    );
  }, 60_000);
});
