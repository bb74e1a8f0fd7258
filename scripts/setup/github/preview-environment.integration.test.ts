/**
 * `npm run setup` creates the pull-request preview's GitHub Environment (every branch, no
 * reviewers, no admin bypass) with its own Cloudflare token, next to staging and production: the
 * real Octokit against the GitHub API double, the token preflight against the Cloudflare double.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  environments as shipped,
  preview,
} from "../../../workflows-src/environments";
import { parseEnvironments } from "../../../workflows-src/builders/environment-model";
import {
  startCloudflareDouble,
  type CloudflareDouble,
} from "../../cloudflare-double/start";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server";
import { runSetup } from "../run-setup";
import type { SetupMode } from "../report";

const environments = parseEnvironments({
  ...structuredClone(shipped),
  production: { ...shipped.production, reviewers: ["alice", "bob"] },
});

let cloudflare: CloudflareDouble;
let gh: GitHubDouble;
let root: string;
beforeAll(async () => {
  cloudflare = await startCloudflareDouble();
  await cloudflare.control("PUT", "/__double/tokens", {
    tokens: ["cf-token-shared", "cf-token-production", "cf-token-preview"],
  });
  gh = await startGitHubDouble({ users: ["alice", "bob"] });
  root = mkdtempSync(join(tmpdir(), "setup-preview-"));
}, 60_000);
afterAll(async () => {
  await gh?.close();
  await cloudflare?.stop();
  rmSync(root, { recursive: true, force: true });
});

async function setup(
  mode: SetupMode,
  extra: Record<string, string | undefined> = {},
) {
  const lines: string[] = [];
  const code = await runSetup({
    mode,
    acceptUngated: false,
    only: "github",
    repo: `${gh.state.owner}/${gh.state.repo}`,
    ask: () => Promise.resolve(undefined),
    print: (line) => lines.push(line),
    ghToken: () => Promise.resolve(undefined),
    repoRoot: root,
    environments,
    preview,
    env: {
      GITHUB_TOKEN: gh.state.token,
      GITHUB_API_URL: gh.url,
      CLOUDFLARE_API_BASE_URL: cloudflare.apiBaseUrl,
      CLOUDFLARE_ACCOUNT_ID: cloudflare.accountId,
      CLOUDFLARE_API_TOKEN: "cf-token-shared",
      PRODUCTION_CLOUDFLARE_API_TOKEN: "cf-token-production",
      PREVIEW_CLOUDFLARE_API_TOKEN: "cf-token-preview",
      ...extra,
    } as Record<string, string>,
  });
  return { code, lines };
}

describe("npm run setup: the preview environment", () => {
  it("never stores the shared token in the preview: without its own, nothing is written", async () => {
    const applied = await setup("apply", {
      PREVIEW_CLOUDFLARE_API_TOKEN: undefined,
    });
    expect(applied.code).not.toBe(0);
    expect(applied.lines).toContainEqual(
      expect.stringMatching(/secrets of preview.*PREVIEW_CLOUDFLARE_API_TOKEN/),
    );
    expect(gh.state.environments.size).toBe(0);
  }, 120_000);

  it("plans it, creates it with its own token, then finds nothing to change", async () => {
    const plan = await setup("plan");
    expect(plan.lines).toContainEqual(
      expect.stringMatching(
        /^missing +environment preview — would be created: deploys from every branch/,
      ),
    );
    const applied = await setup("apply");
    expect(applied.lines.filter((l) => /^FAILED|^UNGATED/.test(l))).toEqual([]);
    expect(applied.code).toBe(0);
    const env = gh.state.environments.get(preview.name);
    expect(env?.branchPolicy).toBeNull();
    expect(env?.reviewers).toEqual([]);
    expect(env?.canAdminsBypass).toBe(false);
    expect(env?.secrets.get("CLOUDFLARE_API_TOKEN")?.value).toBe(
      "cf-token-preview",
    );
    expect(
      gh.state.environments.get("staging")?.secrets.get("CLOUDFLARE_API_TOKEN")
        ?.value,
    ).toBe("cf-token-shared");
    expect((await setup("check")).code).toBe(0);
  }, 120_000);
});
