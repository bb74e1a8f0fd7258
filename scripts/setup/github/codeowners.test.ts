import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  environments,
  parseEnvironments,
} from "../../../workflows-src/environments";
import { REPO_ROOT } from "../../deploy/wrangler";
import { CODEOWNERS_FILE, codeownersText } from "./codeowners";

describe(".github/CODEOWNERS", () => {
  it("is what setup writes from the reviewers in environments.ts", () => {
    expect(readFileSync(join(REPO_ROOT, CODEOWNERS_FILE), "utf8")).toBe(
      codeownersText(environments),
    );
  });

  it("lists every reviewer once, teams as @org/team", () => {
    const envs = structuredClone(environments);
    envs.staging.reviewers = ["acme/qa", "octocat"];
    envs.production.reviewers = ["octocat", "acme/release"];
    expect(codeownersText(parseEnvironments(envs))?.split("\n").at(-2)).toBe(
      "* @acme/qa @octocat @acme/release",
    );
  });
});
