/**
 * A dependency bump (what Dependabot's pull requests are) must not change any generated file, or
 * every such pull request fails the drift check. Bumps every dependency in a scratch copy's
 * package.json and package-lock.json, runs the real `npm run gen:workflows` there and compares bytes.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readGeneratedLocations } from "./generated-files";
import { npmRunIn, scratchCheckout } from "./scratch-checkout";

type Deps = Record<string, string>;
interface Manifest {
  dependencies?: Deps;
  devDependencies?: Deps;
}
interface Lockfile {
  packages: Record<string, Manifest & { version?: string }>;
}

/** 1.65.1 → 2.0.0, "22" → "23": a major bump, the largest change Dependabot proposes. */
function bumped(range: string): string {
  return range.replace(/\d+(?:\.\d+\.\d+)?/, (v) =>
    v.includes(".")
      ? `${Number(v.split(".")[0]) + 1}.0.0`
      : String(Number(v) + 1),
  );
}

function bumpAll(deps: Deps | undefined): Deps | undefined {
  return deps
    ? Object.fromEntries(Object.entries(deps).map(([n, r]) => [n, bumped(r)]))
    : undefined;
}

let root: string;
beforeAll(() => {
  root = scratchCheckout("version-free-");
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("generated files do not depend on package versions", () => {
  it("gen:workflows writes identical bytes after every dependency is bumped", () => {
    const before = readGeneratedLocations(root);
    const manifestPath = path.join(root, "package.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
    const lockPath = path.join(root, "package-lock.json");
    const lock = JSON.parse(readFileSync(lockPath, "utf8")) as Lockfile;
    const names = [
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.devDependencies ?? {}),
    ];
    expect(names).toContain("@playwright/test");
    const top = lock.packages[""] ?? {};
    lock.packages[""] = {
      ...top,
      dependencies: bumpAll(top.dependencies),
      devDependencies: bumpAll(top.devDependencies),
    };
    for (const name of names) {
      const entry = lock.packages[`node_modules/${name}`];
      if (entry?.version) entry.version = bumped(entry.version);
    }
    writeFileSync(
      manifestPath,
      JSON.stringify({
        ...manifest,
        dependencies: bumpAll(manifest.dependencies),
        devDependencies: bumpAll(manifest.devDependencies),
      }),
    );
    writeFileSync(lockPath, JSON.stringify(lock));
    expect(readFileSync(manifestPath, "utf8")).toContain(
      '"@playwright/test":"2.0.0"',
    );

    const run = npmRunIn(root, "gen:workflows");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /gen:workflows: 0 written, \d+ unchanged, 0 deleted/,
    );
    expect(readGeneratedLocations(root)).toEqual(before);
    // The real npm run gen:workflows: a planning and an audit process of its own.
  }, 120_000);
});
