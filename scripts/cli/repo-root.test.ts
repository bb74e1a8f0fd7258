import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { repoRoot } from "./repo-root";

const dir = mkdtempSync(path.join(tmpdir(), "repo-root-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("is the nearest directory at or above the start holding a package.json", () => {
  const app = path.join(dir, "app");
  mkdirSync(path.join(app, "workflows-src", "deep"), { recursive: true });
  writeFileSync(path.join(app, "package.json"), "{}");
  expect(repoRoot(app)).toBe(app);
  expect(repoRoot(path.join(app, "workflows-src", "deep"))).toBe(app);
});

it("is the start itself when no directory above holds a package.json", () => {
  const bare = path.join(dir, "bare");
  mkdirSync(bare);
  // tmpdir() has no package.json above it on this machine or on GitHub's runners.
  expect(repoRoot(bare)).toBe(bare);
});
