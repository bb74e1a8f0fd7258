import { describe, expect, it } from "vitest";
import type { CatalogEntry } from "./catalog-text";
import { assessPin, needsPerson } from "./pin-status";

const A = "a".repeat(40);
const B = "b".repeat(40);
const pin = (version: string, sha = A): CatalogEntry => ({
  key: "x",
  repo: "o/r",
  sha,
  version,
  line: 1,
});

describe("assessPin", () => {
  it("counts a pinned pre-release as behind its final release", () => {
    const tags = new Map([
      ["v2.0.0-rc.1", A],
      ["v2.0.0", B],
    ]);
    expect(assessPin(pin("v2.0.0-rc.1"), tags)).toMatchObject({
      kind: "behind",
      newest: { tag: "v2.0.0", sha: B },
      bump: undefined,
    });
  });

  it("keeps a pinned pre-release newer than every release", () => {
    const tags = new Map([
      ["v1.9.0", B],
      ["v2.0.0-rc.1", A],
    ]);
    expect(assessPin(pin("v2.0.0-rc.1"), tags).kind).toBe("current");
  });

  it("treats a pin on a non-semver tag as behind any release", () => {
    const tags = new Map([
      ["release-2024", A],
      ["v1.0.0", B],
    ]);
    expect(assessPin(pin("release-2024"), tags).kind).toBe("behind");
  });

  it("checks the pinned tag before anything else", () => {
    const tags = new Map([["v1.0.0", B]]);
    const moved = assessPin(pin("v1.0.0"), tags);
    expect(moved).toMatchObject({ kind: "moved", remoteSha: B });
    expect(needsPerson(moved)).toBe(true);
    expect(assessPin(pin("v0.9.0"), tags).kind).toBe("gone");
    expect(needsPerson(assessPin(pin("v1.0.0", B), tags))).toBe(false);
  });
});
