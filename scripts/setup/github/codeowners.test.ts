import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { environments } from "../../../workflows-src/environments";
import { parseEnvironments } from "../../../workflows-src/builders/environment-model";
import { REPO_ROOT } from "../../deploy/wrangler";
import { CODEOWNERS_FILE, codeownersText, pipelinePaths } from "./codeowners";

describe(".github/CODEOWNERS", () => {
  it("is what setup writes from the reviewers in environments.ts", () => {
    expect(readFileSync(join(REPO_ROOT, CODEOWNERS_FILE), "utf8")).toBe(
      codeownersText(environments, "npm", true),
    );
  });

  it("gives production's reviewers the pipeline's own sources where the repository holds them (the checker imports scripts/ and packages/), not an adopter's scripts/", () => {
    const here = pipelinePaths("npm", true);
    expect(here).toEqual(
      expect.arrayContaining([
        "/scripts/",
        "/packages/",
        "/tools/deploy/",
        "/tsconfig.json",
        "node_modules/",
      ]),
    );
    expect(here).not.toContain("/scripts/workflows/");
    const adopter = pipelinePaths("pnpm");
    expect(adopter).not.toContain("/scripts/");
    expect(adopter).not.toContain("/packages/");
    expect(adopter).toEqual(
      expect.arrayContaining([
        "/tsconfig.json",
        "node_modules/",
        "/wrangler.jsonc",
        "/.wrangler/",
        "/open-next.config.ts",
        "/.env*",
        "/.dev.vars*",
        "/bun.lockb",
      ]),
    );
  });

  it("lists every reviewer once, teams as @org/team", () => {
    const envs = structuredClone(environments);
    envs.staging.reviewers = ["acme/qa", "octocat"];
    envs.production.reviewers = ["octocat", "acme/release"];
    const lines =
      codeownersText(parseEnvironments(envs), "npm")?.split("\n") ?? [];
    expect(lines.filter((line) => line.startsWith("* "))).toEqual([
      "* @acme/qa @octocat @acme/release",
    ]);
  });

  it("gives the pipeline paths to production's reviewers only, after the catch-all", () => {
    const envs = structuredClone(environments);
    envs.staging.reviewers = ["acme/qa"];
    envs.production.reviewers = ["octocat", "acme/release"];
    const lines =
      codeownersText(parseEnvironments(envs), "npm")?.split("\n") ?? [];
    const catchAll = lines.findIndex((line) => line.startsWith("* "));
    const owned = lines
      .map((line, i) => ({ i, fields: line.split(/\s+/) }))
      .filter(({ fields }) => /^[^#*]/.test(fields[0] ?? ""));
    expect(owned.map(({ fields }) => fields[0])).toEqual(pipelinePaths("npm"));
    for (const { i, fields } of owned) {
      // CODEOWNERS: the last matching pattern wins, so these must follow "*".
      expect(i).toBeGreaterThan(catchAll);
      expect(fields.slice(1)).toEqual(["@octocat", "@acme/release"]);
    }
  });
});

describe("CODEOWNERS of a pnpm repository", () => {
  it("owns pnpm's lockfile and the files that run code during its install, and names pnpm's commands", () => {
    const envs = structuredClone(environments);
    envs.production.reviewers = ["octocat", "acme/release"];
    const text = codeownersText(parseEnvironments(envs), "pnpm") ?? "";
    const owned = text
      .split("\n")
      .filter((line) => line.startsWith("/"))
      .map((line) => line.split(/\s+/)[0]);
    expect(owned).toEqual(
      expect.arrayContaining([
        "/pnpm-lock.yaml",
        "/.pnpmfile.cjs",
        "/pnpm-workspace.yaml",
        "/.npmrc",
      ]),
    );
    expect(owned).not.toContain("/package-lock.json");
    expect(text).toContain("`pnpm run setup --apply`");
    expect(text).not.toContain("npm run setup -- ");
  });
});
