/**
 * `npm run setup` (GitHub half) end to end: the real Octokit against the GitHub API double over
 * HTTP. Each scenario starts a fresh double and stops it afterwards.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { environments } from "../../../workflows-src/environments";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server";
import type { DoubleOptions } from "../github-double/state";
import { runSetup, type SetupRun } from "../run-setup";
import type { SetupMode } from "../report";
import { requiredCheckNames } from "./required-checks";

const REVIEWERS = environments.production.reviewers;
const SECRETS = {
  CLOUDFLARE_API_TOKEN: "cf-token-shared",
  PRODUCTION_CLOUDFLARE_API_TOKEN: "cf-token-production",
  CLOUDFLARE_ACCOUNT_ID: "0123456789abcdef0123456789abcdef",
};

let double: GitHubDouble | undefined;
let root: string | undefined;
afterEach(async () => {
  await double?.close();
  double = undefined;
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

async function start(options: DoubleOptions = {}): Promise<GitHubDouble> {
  double = await startGitHubDouble({
    users: REVIEWERS.filter((r) => !r.includes("/")),
    ...options,
  });
  // Local files setup writes (.github/CODEOWNERS) go to a scratch root, never the real checkout.
  root = mkdtempSync(join(tmpdir(), "setup-github-"));
  return double;
}

async function setup(
  gh: GitHubDouble,
  mode: SetupMode,
  extra: Partial<SetupRun> & { env?: Record<string, string> } = {},
): Promise<{ code: number; lines: string[] }> {
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
    ...extra,
    env: {
      GITHUB_TOKEN: gh.state.token,
      GITHUB_API_URL: gh.url,
      ...SECRETS,
      ...extra.env,
    },
  });
  return { code, lines };
}

const writes = (gh: GitHubDouble) =>
  gh.state.requests.filter((r) => !r.startsWith("GET "));

describe("npm run setup against the GitHub API double", () => {
  it("takes a fresh repository to the source's settings, then reports no changes", async () => {
    const gh = await start();
    const plan = await setup(gh, "plan");
    expect(plan.code).toBe(0);
    expect(plan.lines).toContainEqual(
      expect.stringMatching(
        /^missing +branch develop — would be created from main/,
      ),
    );
    expect(plan.lines).toContainEqual(
      expect.stringMatching(
        /^missing +environment production — would be created/,
      ),
    );
    expect(writes(gh)).toEqual([]);
    expect((await setup(gh, "check")).code).toBe(1);

    const applied = await setup(gh, "apply");
    expect(applied.lines.filter((l) => /^FAILED|^UNGATED/.test(l))).toEqual([]);
    expect(applied.code).toBe(0);
    expect(gh.state.branches.get("develop")).toBe(
      gh.state.branches.get("main"),
    );

    const production = gh.state.environments.get("production");
    expect(production?.reviewers).toHaveLength(REVIEWERS.length);
    expect(production?.preventSelfReview).toBe(true);
    expect(production?.canAdminsBypass).toBe(false);
    expect(production?.branchPolicy).toEqual({
      protected_branches: false,
      custom_branch_policies: true,
    });
    expect(production?.policies.map((p) => p.name)).toEqual(["main"]);
    expect(production?.secrets.get("CLOUDFLARE_API_TOKEN")?.value).toBe(
      "cf-token-production",
    );
    const staging = gh.state.environments.get("staging");
    expect(staging?.reviewers).toEqual([]);
    expect(staging?.policies.map((p) => p.name)).toEqual(["develop"]);
    expect(staging?.secrets.get("CLOUDFLARE_API_TOKEN")?.value).toBe(
      "cf-token-shared",
    );
    expect(staging?.secrets.get("CLOUDFLARE_ACCOUNT_ID")?.value).toBe(
      SECRETS.CLOUDFLARE_ACCOUNT_ID,
    );
    expect(applied.lines.join("\n")).not.toContain("cf-token");

    const rulesets = [...gh.state.rulesets.values()];
    expect(rulesets.map((r) => r.name).sort()).toEqual([
      "deploy branch develop",
      "deploy branch main",
    ]);
    const checks = rulesets[0]?.rules.find(
      (r) => (r as { type: string }).type === "required_status_checks",
    ) as { parameters: { required_status_checks: { context: string }[] } };
    expect(
      checks.parameters.required_status_checks.map((c) => c.context),
    ).toEqual(requiredCheckNames());
    expect(requiredCheckNames()).toContain("Static checks");

    expect(
      readFileSync(join(root ?? "", ".github/CODEOWNERS"), "utf8"),
    ).toMatch(
      new RegExp(`^\\* ${REVIEWERS.map((r) => `@${r}`).join(" ")}$`, "m"),
    );

    const before = writes(gh).length;
    const again = await setup(gh, "apply");
    expect(again.code).toBe(0);
    expect(again.lines.at(-1)).toBe("no changes");
    expect(writes(gh).length).toBe(before);
    expect(await setup(gh, "check")).toMatchObject({ code: 0 });
  });

  it("says production is NOT gated when GitHub refuses reviewers, and fails unless accepted", async () => {
    const gh = await start({ private: true, reviewersSupported: false });
    const applied = await setup(gh, "apply");
    expect(applied.code).toBe(1);
    const line = applied.lines.find((l) => l.startsWith("UNGATED"));
    expect(line).toMatch(
      /^UNGATED +environment production — production is NOT gated: GitHub refused its protection rules \(422 "Failed to create the environment protection rule\. Please ensure the billing plan supports the required reviewers protection rule\."\) — .*public.*Enterprise.*--accept-ungated/,
    );
    // What the plan allows is still in place: the branch rule, no admin bypass, the secrets.
    const production = gh.state.environments.get("production");
    expect(production?.policies.map((p) => p.name)).toEqual(["main"]);
    expect(production?.canAdminsBypass).toBe(false);
    expect(production?.secrets.size).toBe(2);

    expect((await setup(gh, "check")).code).toBe(1);
    const accepted = await setup(gh, "check", { acceptUngated: true });
    expect(accepted.lines).toContainEqual(
      "differs  environment production — NOT gated: reviewers [] → [release-approver]; prevent_self_review false → true",
    );
    expect(accepted.code).toBe(0);
    expect((await setup(gh, "apply", { acceptUngated: true })).code).toBe(0);
  });

  it("reports rulesets GitHub refuses as NOT protected", async () => {
    const gh = await start({ private: true, rulesetsSupported: false });
    const applied = await setup(gh, "apply");
    expect(applied.code).toBe(1);
    expect(applied.lines).toContainEqual(
      expect.stringMatching(
        /^UNGATED +ruleset "deploy branch main" — main is NOT protected: GitHub refused rulesets \(403 "Upgrade to GitHub Pro/,
      ),
    );
  });

  it("detects drift with --check and changes nothing", async () => {
    const gh = await start();
    expect((await setup(gh, "apply")).code).toBe(0);
    const production = gh.state.environments.get("production");
    if (!production) throw new Error("no production environment");
    production.canAdminsBypass = true;
    production.policies = [{ id: 1, name: "*", type: "branch" }];
    const ruleset = [...gh.state.rulesets.values()][0];
    if (!ruleset) throw new Error("no ruleset");
    ruleset.enforcement = "disabled";
    const before = writes(gh).length;

    const check = await setup(gh, "check");
    expect(check.code).toBe(1);
    expect(check.lines).toContainEqual(
      "differs  environment production — can_admins_bypass true → false; deployment branch policies [*] → [main]",
    );
    expect(check.lines).toContainEqual(
      expect.stringMatching(
        /^differs +ruleset "deploy branch (develop|main)" — enforcement disabled → active/,
      ),
    );
    expect(writes(gh).length).toBe(before);

    expect((await setup(gh, "apply")).code).toBe(0);
    expect((await setup(gh, "check")).code).toBe(0);
    expect(production.policies.map((p) => p.name)).toEqual(["main"]);
  });

  it("names the fix for a bad token, a missing repository, an unknown reviewer and a missing secret value", async () => {
    const gh = await start({ users: [] });
    const bad = await setup(gh, "plan", { env: { GITHUB_TOKEN: "ghp_wrong" } });
    expect(bad.code).toBe(1);
    expect(bad.lines).toContainEqual(
      expect.stringMatching(
        /^FAILED +setup — repository acme\/app: GitHub rejected the token \(401 Bad credentials\) — create a new token/,
      ),
    );

    const missing = await setup(gh, "plan", { repo: "acme/nope" });
    expect(missing.lines).toContainEqual(
      expect.stringMatching(
        /^FAILED +setup — repository acme\/nope not found, or the token cannot see it — check --repo/,
      ),
    );

    const applied = await setup(gh, "apply", {
      env: { CLOUDFLARE_API_TOKEN: "", PRODUCTION_CLOUDFLARE_API_TOKEN: "" },
    });
    expect(applied.code).toBe(1);
    expect(applied.lines).toContainEqual(
      `FAILED   environment production — environments.ts: production.reviewers.0: GitHub has no user "${REVIEWERS[0]}" — list real logins or org/team slugs with read access to the repository`,
    );
    expect(applied.lines).toContainEqual(
      "FAILED   secrets of staging — secrets of staging: no value for CLOUDFLARE_API_TOKEN — set STAGING_CLOUDFLARE_API_TOKEN or CLOUDFLARE_API_TOKEN in the environment (or run in a terminal to be asked), then re-run",
    );
    expect(gh.state.environments.get("staging")?.secrets.size ?? 0).toBe(0);
  });

  it("plans with a read-only token, then names the missing permission on apply", async () => {
    const gh = await start({ readOnlyToken: "ghp_read" });
    const plan = await setup(gh, "plan", { env: { GITHUB_TOKEN: "ghp_read" } });
    expect(plan.code).toBe(0);
    const applied = await setup(gh, "apply", {
      env: { GITHUB_TOKEN: "ghp_read" },
    });
    expect(applied.code).toBe(1);
    expect(applied.lines).toContainEqual(
      "FAILED   branch develop — changing branch develop: the token may not do this (403 Resource not accessible by personal access token) — give it Administration, Environments, Secrets and Contents (read and write) on this repository",
    );
    expect(gh.state.environments.size).toBe(0);
  });

  it("writes the step summary on GitHub Actions", async () => {
    const gh = await start();
    const summary = join(root ?? "", "summary.md");
    await setup(gh, "check", { env: { GITHUB_STEP_SUMMARY: summary } });
    const text = readFileSync(summary, "utf8");
    expect(text).toMatch(/^### npm run setup --check\n\n```text\n/);
    expect(text).toContain(
      "missing  branch develop — would be created from main",
    );
  });

  it("refuses routes it does not implement, naming method and path", async () => {
    const gh = await start();
    const response = await fetch(`${gh.url}/repos/acme/app/hooks`, {
      headers: { authorization: `token ${gh.state.token}` },
    });
    expect(response.status).toBe(501);
    expect(await response.json()).toMatchObject({
      message: "GitHub API double: no handler for GET /repos/acme/app/hooks",
    });
  });
});
