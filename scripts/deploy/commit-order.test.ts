import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareWithServing, gitIsAncestor } from "./commit-order";

/** A real repository: main A → B, and a branch C off A. */
function repository() {
  const dir = mkdtempSync(join(tmpdir(), "commit-order-"));
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: dir, encoding: "utf8" }).trim();
  git("init", "-q", "-b", "main");
  git("config", "user.email", "t@example.com");
  git("config", "user.name", "t");
  const commit = (name: string) => {
    writeFileSync(join(dir, name), name);
    git("add", name);
    git("commit", "-q", "-m", name);
    return git("rev-parse", "HEAD");
  };
  const a = commit("a");
  const b = commit("b");
  git("checkout", "-q", "-b", "side", a);
  const c = commit("c");
  return { dir, a, b, c };
}

describe("compareWithServing (real git)", () => {
  const { dir, a, b, c } = repository();
  const isAncestor = gitIsAncestor(dir);

  it("stops an older commit when the serving one contains it", () => {
    expect(compareWithServing(a, b, isAncestor)).toEqual({
      kind: "older",
      servingSha: b,
    });
  });

  it("lets a newer or diverged commit through, and a re-run of the same one", () => {
    expect(compareWithServing(b, a, isAncestor)).toEqual({ kind: "newer" });
    expect(compareWithServing(c, b, isAncestor)).toEqual({ kind: "newer" });
    expect(compareWithServing(b, b, isAncestor)).toEqual({ kind: "same" });
  });

  it("says when it cannot tell, and why", () => {
    expect(compareWithServing(a, undefined, isAncestor)).toMatchObject({
      kind: "unknown",
      reason: expect.stringContaining("is missing"),
    });
    expect(compareWithServing(a, "v1.2.3", isAncestor)).toMatchObject({
      kind: "unknown",
      reason: expect.stringContaining('"v1.2.3" is not a commit SHA'),
    });
    expect(compareWithServing(a, "f".repeat(40), isAncestor)).toMatchObject({
      kind: "unknown",
      reason: expect.stringContaining("not in this checkout's history"),
    });
  });
});
