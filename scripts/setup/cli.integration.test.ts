/**
 * The CLI as npm runs it (tsx scripts/setup/cli.ts): flags, exit codes, and the GitHub half over
 * HTTP against the GitHub API double started in this process.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnRunner } from "../deploy/child-process";
import { REPO_ROOT } from "../deploy/wrangler";
import { startGitHubDouble, type GitHubDouble } from "./github-double/server";

const TSX = join(REPO_ROOT, "node_modules/.bin/tsx");

let double: GitHubDouble | undefined;
afterEach(async () => {
  await double?.close();
  double = undefined;
});

function run(
  args: string[],
  env: Record<string, string> = {},
  root = REPO_ROOT,
) {
  return spawnRunner(TSX, [join(root, "scripts/setup/cli.ts"), ...args], {
    cwd: root,
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

  it("refuses one production reviewer with prevent-self-review before any request to GitHub", async () => {
    // A copy of the sources whose environments.ts lists one real reviewer (prevent-self-review on,
    // as shipped): whoever dispatched a rollback could not approve it, and nobody else could.
    const root = mkdtempSync(join(tmpdir(), "setup-one-reviewer-"));
    try {
      for (const entry of [
        "package.json",
        "tsconfig.json",
        "scripts",
        "workflows-src",
      ])
        cpSync(join(REPO_ROOT, entry), join(root, entry), { recursive: true });
      symlinkSync(join(REPO_ROOT, "node_modules"), join(root, "node_modules"));
      const file = join(root, "workflows-src/environments.ts");
      const source = readFileSync(file, "utf8");
      const edited = source.replace(
        /const PRODUCTION_REVIEWERS = \[[^\]]*\];/,
        'const PRODUCTION_REVIEWERS = ["alice"];',
      );
      expect(edited).not.toBe(source);
      writeFileSync(file, edited);
      double = await startGitHubDouble({ users: ["alice"] });
      const result = await run(
        ["--apply", "--only", "github", "--repo", "acme/app"],
        { GITHUB_TOKEN: double.state.token, GITHUB_API_URL: double.url },
        root,
      );
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(
        'error: environments.ts: production.preventSelfReview: Needs at least two reviewers (has 1): whoever dispatches a rollback cannot approve it (true) — list a second reviewer, or set preventSelfReview: false with review: "single-maintainer"',
      );
      expect(double.state.requests).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});
