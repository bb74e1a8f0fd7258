import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { committedRedirects, refusedFiles } from "./committed-redirects";

const repo = mkdtempSync(path.join(tmpdir(), "committed-redirects-"));
afterAll(() => rmSync(repo, { recursive: true, force: true }));
const git = (...args: string[]) =>
  execFileSync("git", args, { cwd: repo, stdio: "pipe" });
const commit = (file: string, text = "x") => {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), text);
  git("add", "-f", file);
};

describe("files a deploy job refuses to find committed", () => {
  it("names wrangler's redirect file, .env and .dev.vars files, and node_modules anywhere; examples pass", () => {
    git("init", "-q");
    commit("package.json", "{}");
    commit(".env.example");
    commit(".dev.vars.example");
    expect(committedRedirects(repo)).toBeUndefined();
    commit(".wrangler/deploy/config.json", '{ "configPath": "../x.json" }');
    commit(
      ".env.staging",
      "CLOUDFLARE_API_BASE_URL=http://elsewhere/client/v4",
    );
    commit("packages/node_modules/tsx/esm/api");
    commit(".dev.vars");
    expect(committedRedirects(repo)).toBe(
      "committed .dev.vars, .env.staging, .wrangler/deploy/config.json and 1 more: wrangler, OpenNext or Node would read it in a job holding the Cloudflare token — remove it from git (git rm --cached <file>) and keep it in .gitignore",
    );
  });

  it("says nothing outside a git checkout, and keeps the examples out of the list", () => {
    const plain = mkdtempSync(path.join(tmpdir(), "not-a-checkout-"));
    try {
      expect(committedRedirects(plain)).toBeUndefined();
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
    expect(refusedFiles([".env.sample", ".env", ""])).toEqual([".env"]);
  });
});
