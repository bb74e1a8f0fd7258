/**
 * npm run preview:open-pulls against the GitHub API double (GITHUB_API_URL): the sweep's list of
 * open pull requests across pages, and a refused token stopping it before anything is deleted.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import {
  startGitHubDouble,
  type GitHubDouble,
} from "../../setup/github-double/server";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const CLI = path.join(ROOT, "scripts/deploy/preview/open-pulls-cli.ts");
const dir = mkdtempSync(path.join(tmpdir(), "open-pulls-"));
const doubles: GitHubDouble[] = [];
afterAll(async () => {
  await Promise.all(doubles.map((d) => d.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function run(double: GitHubDouble, token: string) {
  const output = path.join(dir, `output-${doubles.length}`);
  writeFileSync(output, "");
  try {
    const { stdout } = await promisify(execFile)(TSX, [CLI], {
      cwd: ROOT,
      env: {
        ...process.env,
        GITHUB_API_URL: double.url,
        GITHUB_REPOSITORY: "acme/app",
        GITHUB_TOKEN: token,
        GITHUB_OUTPUT: output,
        GITHUB_ACTIONS: "",
      },
    });
    return { code: 0, out: stdout, output: readFileSync(output, "utf8") };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return {
      code: failed.code,
      out: failed.stdout + failed.stderr,
      output: "",
    };
  }
}

describe("npm run preview:open-pulls against the GitHub double", () => {
  it("lists every open pull request over several pages, none of the closed ones", async () => {
    // 130 open and 40 closed, interleaved: the open ones fill more than one page of 100.
    const pulls = Array.from({ length: 170 }, (_, i) => ({
      number: i + 1,
      state: (i % 17 < 4 ? "closed" : "open") as "open" | "closed",
    }));
    const double = await startGitHubDouble({ pulls });
    doubles.push(double);
    const result = await run(double, "ghp_double");
    const open = pulls.filter((p) => p.state === "open").map((p) => p.number);
    expect(open.length).toBeGreaterThan(100);
    expect(result.code).toBe(0);
    expect(result.output).toBe(`open=${open.join(",")}\n`);
    expect(
      double.state.requests.filter((r) =>
        r.startsWith("GET /repos/acme/app/pulls"),
      ),
    ).toHaveLength(2);
  });

  it('writes "none" when nothing is open', async () => {
    const double = await startGitHubDouble({
      pulls: [{ number: 3, state: "closed" }],
    });
    doubles.push(double);
    const result = await run(double, "ghp_double");
    expect(result.output).toBe("open=none\n");
  });

  it("stops on a refused token, saying nothing was deleted", async () => {
    const double = await startGitHubDouble({
      pulls: [{ number: 1, state: "open" }],
    });
    doubles.push(double);
    const result = await run(double, "ghp_wrong");
    expect(result.code).not.toBe(0);
    expect(result.out).toMatch(
      /HTTP 401 — the sweep needs pull-requests: read; nothing was deleted/,
    );
    expect(result.out).not.toContain("ghp_wrong");
  });
});
