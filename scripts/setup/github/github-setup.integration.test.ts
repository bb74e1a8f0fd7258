/**
 * `npm run setup` (GitHub half) end to end: the real Octokit against the GitHub API double over
 * HTTP, and the token preflight's fetch against the Cloudflare API double (one per file, its tokens
 * reset per test). Each scenario starts a fresh GitHub double and stops it afterwards.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { environments as shipped } from "../../../workflows-src/environments";
import { parseEnvironments } from "../../../workflows-src/builders/environment-model";
import {
  startCloudflareDouble,
  type CloudflareDouble,
} from "../../cloudflare-double/start";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server";
import type { DoubleOptions } from "../github-double/state";
import { runSetup, type SetupRun } from "../run-setup";
import type { SetupMode } from "../report";
import { quality } from "../../../workflows-src/workflows/quality";
import { requiredCheckNames } from "./required-checks";

/** The shipped config with real (double-known) reviewers instead of its placeholders. */
const environments = parseEnvironments({
  ...structuredClone(shipped),
  production: { ...shipped.production, reviewers: ["alice", "bob"] },
});
const REVIEWERS = environments.production.reviewers;
const TOKENS = {
  CLOUDFLARE_API_TOKEN: "cf-token-shared",
  PRODUCTION_CLOUDFLARE_API_TOKEN: "cf-token-production",
};

let cloudflare: CloudflareDouble;
beforeAll(async () => {
  cloudflare = await startCloudflareDouble();
}, 60_000);
afterAll(async () => {
  await cloudflare.stop();
});

let double: GitHubDouble | undefined;
let root: string | undefined;
afterEach(async () => {
  await double?.close();
  double = undefined;
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** Tokens the Cloudflare double accepts: unrestricted strings, or {token, permissions}. */
async function cloudflareTokens(tokens: unknown[]): Promise<void> {
  await cloudflare.control("PUT", "/__double/tokens", { tokens });
}

async function start(options: DoubleOptions = {}): Promise<GitHubDouble> {
  await cloudflareTokens([
    ...Object.values(TOKENS),
    "cf-token-staging-old",
    "cf-token-staging-new",
  ]);
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
    environments,
    preview: null,
    ...extra,
    env: {
      GITHUB_TOKEN: gh.state.token,
      GITHUB_API_URL: gh.url,
      CLOUDFLARE_API_BASE_URL: cloudflare.apiBaseUrl,
      CLOUDFLARE_ACCOUNT_ID: cloudflare.accountId,
      ...TOKENS,
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
      cloudflare.accountId,
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
    ).toEqual(requiredCheckNames(quality));
    expect(requiredCheckNames(quality)).toContain("Static checks");

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

  it("gives a private repository's ungated production no secrets, and them only with --accept-ungated", async () => {
    const gh = await start({ private: true, reviewersSupported: false });
    const applied = await setup(gh, "apply");
    expect(applied.code).toBe(1);
    const line = applied.lines.find((l) =>
      l.startsWith("UNGATED  environment production"),
    );
    expect(line).toMatch(
      /^UNGATED +environment production — production is NOT gated: GitHub refused its protection rules \(422 "Failed to create the environment protection rule\. Please ensure the billing plan supports the required reviewers protection rule\."\) — .*public.*Enterprise.*--accept-ungated/,
    );
    expect(applied.lines).toContainEqual(
      "UNGATED  secrets of production — production gets no secrets: GitHub does not gate it (no required reviewers stored), so a push to main would deploy without approval — make the repository public or move it to GitHub Enterprise and re-run, or re-run with --accept-ungated to store them knowingly",
    );
    // Fail closed: the branch rule and no admin bypass are in place, the secrets are not — a push
    // to main now fails for want of a token instead of deploying unapproved.
    const production = gh.state.environments.get("production");
    expect(production?.policies.map((p) => p.name)).toEqual(["main"]);
    expect(production?.canAdminsBypass).toBe(false);
    expect(production?.secrets.size).toBe(0);
    // Staging asks for no approval: it is set up as usual.
    expect(gh.state.environments.get("staging")?.secrets.size).toBe(2);

    expect((await setup(gh, "check")).code).toBe(1);
    const accepted = await setup(gh, "apply", { acceptUngated: true });
    expect(accepted.code).toBe(0);
    expect(production?.secrets.get("CLOUDFLARE_API_TOKEN")?.value).toBe(
      "cf-token-production",
    );
    const checked = await setup(gh, "check", { acceptUngated: true });
    expect(checked.lines).toContainEqual(
      "differs  environment production — NOT gated: reviewers [] → [alice, bob]; prevent_self_review false → true",
    );
    expect(checked.code).toBe(0);
  });

  it("tells a private repository on GitHub Free that it has no environments, and stores no secret anywhere", async () => {
    const gh = await start({ private: true, environmentsSupported: false });
    const applied = await setup(gh, "apply", { acceptUngated: true });
    expect(applied.code).toBe(1);
    for (const env of ["staging", "production"]) {
      expect(applied.lines).toContainEqual(
        `FAILED   environment ${env} — GitHub refused to create environment ${env} (403 "Upgrade to GitHub Pro or make this repository public to enable this feature.") — a private repository on GitHub Free has no environments (Pro and Team: environments without required reviewers; Enterprise: with them): make the repository public or move it to a paid plan, then re-run; until then no deploy job gets a secret, so deploys fail (nothing ships)`,
      );
      expect(applied.lines).toContainEqual(
        `FAILED   secrets of ${env} — not stored: there is no environment ${env} to hold them (see "environment ${env}" above)`,
      );
    }
    // --accept-ungated cannot help: there is nowhere to put the secrets, and none went elsewhere.
    expect(gh.state.environments.size).toBe(0);
    expect(writes(gh).filter((r) => r.includes("/secrets/"))).toEqual([]);
  });

  it("rotates only the named environment, never from the bare name: production keeps its own token", async () => {
    const gh = await start();
    const first = await setup(gh, "apply", {
      env: { STAGING_CLOUDFLARE_API_TOKEN: "cf-token-staging-old" },
    });
    expect(first.code).toBe(0);
    const token = (env: string) =>
      gh.state.environments.get(env)?.secrets.get("CLOUDFLARE_API_TOKEN")
        ?.value;
    expect([token("staging"), token("production")]).toEqual([
      "cf-token-staging-old",
      "cf-token-production",
    ]);

    // The RUNBOOK's rotation: the new staging token in STAGING_…, the bare name still holding the
    // old staging token, PRODUCTION_… not exported at all.
    const rotation = {
      STAGING_CLOUDFLARE_API_TOKEN: "cf-token-staging-new",
      CLOUDFLARE_API_TOKEN: "cf-token-staging-old",
      PRODUCTION_CLOUDFLARE_API_TOKEN: "",
    };
    const rotated = await setup(gh, "apply", {
      env: rotation,
      rotateSecrets: ["staging"],
    });
    expect(rotated.code).toBe(0);
    expect(rotated.lines).toContainEqual(
      "updated  secrets of staging — set CLOUDFLARE_API_TOKEN (from STAGING_CLOUDFLARE_API_TOKEN) — values not shown",
    );
    expect([token("staging"), token("production")]).toEqual([
      "cf-token-staging-new",
      "cf-token-production",
    ]);

    // Rotating production with only the bare name set: refused before anything is written.
    const before = writes(gh).length;
    const refused = await setup(gh, "apply", {
      env: rotation,
      rotateSecrets: ["production"],
    });
    expect(refused.code).toBe(1);
    expect(refused.lines).toContainEqual(
      "FAILED   secrets of production — --rotate-secrets production: no new value — set PRODUCTION_CLOUDFLARE_API_TOKEN and/or PRODUCTION_CLOUDFLARE_ACCOUNT_ID (while rotating, the bare names are never read), then re-run",
    );
    expect(writes(gh).length).toBe(before);
    expect(token("production")).toBe("cf-token-production");
  });

  it("preflights every environment's token, each permission, before writing anything", async () => {
    const gh = await start();
    await cloudflareTokens([
      TOKENS.CLOUDFLARE_API_TOKEN,
      {
        token: TOKENS.PRODUCTION_CLOUDFLARE_API_TOKEN,
        permissions: ["workers_scripts:edit"],
      },
    ]);
    const applied = await setup(gh, "apply");
    expect(applied.code).toBe(1);
    expect(applied.lines).toContainEqual(
      expect.stringMatching(
        /^ok +token permission Account · Workers Scripts · Edit \(production: PRODUCTION_CLOUDFLARE_API_TOKEN\)/,
      ),
    );
    expect(applied.lines).toContainEqual(
      expect.stringMatching(
        /^FAILED +token permission Account · D1 · Edit \(production: PRODUCTION_CLOUDFLARE_API_TOKEN\) — PRODUCTION_CLOUDFLARE_API_TOKEN cannot use D1 .* add "Account · D1 · Edit" to the token/,
      ),
    );
    expect(applied.lines).toContain(
      "nothing was written: fix the problems above (fail closed: no half-configured environment), then re-run",
    );
    expect(writes(gh)).toEqual([]);
  });

  it("refuses the shipped placeholder reviewers on --apply, naming the fix, and writes nothing", async () => {
    const gh = await start();
    const applied = await setup(gh, "apply", { environments: shipped });
    expect(applied.code).toBe(1);
    expect(applied.lines).toContainEqual(
      'FAILED   reviewers — environments.ts: production.reviewers.0: "replace-me-first-approver" is a placeholder — replace it with a real GitHub login or org/team slug (it also becomes a code owner in .github/CODEOWNERS, which needs write access), then re-run',
    );
    expect(writes(gh)).toEqual([]);
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

    const unset = await setup(gh, "apply", {
      env: { CLOUDFLARE_API_TOKEN: "", PRODUCTION_CLOUDFLARE_API_TOKEN: "" },
    });
    expect(unset.code).toBe(1);
    expect(unset.lines).toContainEqual(
      "FAILED   secrets of staging — secrets of staging: no value for CLOUDFLARE_API_TOKEN — set STAGING_CLOUDFLARE_API_TOKEN or CLOUDFLARE_API_TOKEN in the environment (or run in a terminal to be asked), then re-run",
    );
    expect(writes(gh)).toEqual([]);

    const applied = await setup(gh, "apply");
    expect(applied.code).toBe(1);
    expect(applied.lines).toContainEqual(
      `FAILED   environment production — environments.ts: production.reviewers.0: GitHub has no user "${REVIEWERS[0]}" — list real logins or org/team slugs with read access to the repository`,
    );
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
    // The heading is the command as typed: npm needs the -- to pass --check on to the script.
    expect(text).toMatch(/^### npm run setup -- --check\n\n```text\n/);
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
