/**
 * npm run pins:update end to end, in a scratch copy of this project, against bare repositories
 * standing in for every catalogued action: it moves the pins, regenerates the workflows (the
 * scratch copy's check:workflows passes afterwards), and refuses to touch a pin whose tag moved.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { npmRunIn, scratchCheckout } from "../workflows/scratch-checkout";
import { CATALOG_FILE, parseCatalog, setPin } from "./catalog-text";
import { createRepo, type FixtureRepo } from "./git-fixture";

let root: string;
let base: string;
let summary: string;
const repos = new Map<
  string,
  { repo: FixtureRepo; c1: string; c2: string; c3: string }
>();
/** Every catalogued action is behind in the fixture, however many the catalog holds. */
const pins = () => repos.size;
const read = (file: string) => readFileSync(path.join(root, file), "utf8");
const run = (...args: string[]) =>
  npmRunIn(root, "pins:update", args, {
    PINS_GIT_BASE: base,
    GITHUB_STEP_SUMMARY: summary,
    // The local "!!!" format is asserted; on a runner the same findings are ::error annotations
    // (ci:local caught this test failing under GITHUB_ACTIONS=true).
    GITHUB_ACTIONS: "",
  });

beforeAll(() => {
  root = scratchCheckout("pins-update-");
  base = mkdtempSync(path.join(tmpdir(), "pins-base-"));
  summary = path.join(base, "summary.md");
  let text = read(CATALOG_FILE);
  // Several catalog entries can share a repository (actions/cache and its restore/save halves).
  const byRepo = new Map<
    string,
    { repo: FixtureRepo; c1: string; c2: string; c3: string }
  >();
  for (const entry of parseCatalog(text)) {
    // A sub-path action (actions/cache/restore) lives in its owner/name repository.
    const repository = entry.repo.split("/").slice(0, 2).join("/");
    let fixture = byRepo.get(repository);
    if (fixture === undefined) {
      const repo = createRepo(base, repository);
      const c1 = repo.commit("first");
      repo.tag("v1.0.0", c1);
      const c2 = repo.commit("second");
      repo.tag("v1.1.0", c2, { annotated: true });
      const c3 = repo.commit("third");
      repo.tag("v1.2.0-beta.1", c3, { annotated: true });
      fixture = { repo, c1, c2, c3 };
      byRepo.set(repository, fixture);
    }
    repos.set(entry.key, fixture);
    text = setPin(text, entry.key, { sha: fixture.c1, version: "v1.0.0" });
  }
  writeFileSync(path.join(root, CATALOG_FILE), text);
  expect(repos.size).toBeGreaterThan(1);
  const gen = npmRunIn(root, "gen:workflows");
  expect(gen.status, gen.stderr).toBe(0);
}, 60_000);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(base, { recursive: true, force: true });
});

describe("npm run pins:update", () => {
  it("--check exits 1, lists old → new with release notes and writes nothing", () => {
    const before = read(CATALOG_FILE);
    const result = run("--check");
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /actions\/checkout\s+v1\.0\.0 \w{7}\s+→\s+v1\.1\.0 \w{7}\s+behind \(minor release\)\s+https:\/\/github\.com\/actions\/checkout\/releases\/tag\/v1\.1\.0/,
    );
    expect(result.stdout).toContain(`${pins()} pin(s) behind`);
    expect(read(CATALOG_FILE)).toBe(before);
    expect(readFileSync(summary, "utf8")).toContain(
      "[notes](https://github.com/actions/cache/releases/tag/v1.1.0)",
    );
  }, 30_000);

  it("moves every pin to the newest release's commit and regenerates the workflows", () => {
    const result = run();
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      `${pins()} pin(s) updated in workflows-src/actions.ts`,
    );
    for (const entry of parseCatalog(read(CATALOG_FILE))) {
      expect(entry).toMatchObject({
        sha: repos.get(entry.key)?.c2,
        version: "v1.1.0",
      });
    }
    expect(read(".github/workflows/quality.yml")).toContain(
      `uses: actions/checkout@${repos.get("checkout")?.c2} # v1.1.0`,
    );
    const check = npmRunIn(root, "check:workflows");
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
    expect(run("--check")).toMatchObject({ status: 0 });
  }, 60_000);

  it("reports a moved tag loudly and leaves that pin alone", () => {
    const fixture = repos.get("cache");
    fixture?.repo.moveTag("v1.1.0", fixture.c3);
    const before = read(CATALOG_FILE);
    const check = run("--check");
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(
      /!!! workflows-src\/actions\.ts:\d+: actions\.cache \(actions\/cache v1\.1\.0\): TAG MOVED — the catalog pins \w{40} but the tag now points to \w{40}.*\[pin-tag-moved\]/,
    );
    expect(check.stdout).toMatch(
      /actions\/cache .*TAG MOVED to \w{7} — left as pinned/,
    );
    const update = run();
    expect(update.status).toBe(1);
    expect(read(CATALOG_FILE)).toBe(before);
  }, 30_000);

  it("fails clearly when the repositories cannot be reached, on git's own answer rather than a timeout", () => {
    // The timeout is far beyond the test's own: every pin must be reported from git's refusal,
    // none from waiting the timeout out.
    const result = npmRunIn(
      root,
      "pins:update",
      ["--check", "--timeout", "120"],
      {
        PINS_GIT_BASE: path.join(base, "nowhere"),
      },
    );
    expect(result.status).toBe(1);
    const notChecked = result.stderr
      .split("\n")
      .filter((line) => line.includes("not checked — git ls-remote"));
    expect(notChecked).toHaveLength(pins());
    expect(result.stderr).not.toContain("no answer within");
    expect(result.stderr).toContain(`${pins()} pin(s) need a person`);
  }, 30_000);
});
