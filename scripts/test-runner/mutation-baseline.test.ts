import { describe, expect, it } from "vitest";
import { BASELINE_FILE, incrementalStart } from "./mutation-baseline";

describe("incrementalStart", () => {
  it("prefers this checkout's own last run over the committed baseline", () => {
    expect(incrementalStart({ working: true, baseline: true }).kind).toBe(
      "working",
    );
  });

  it("seeds a clean clone from the committed baseline", () => {
    expect(incrementalStart({ working: false, baseline: true }).kind).toBe(
      "seed",
    );
  });

  it("runs every mutant when neither exists, and says how to record a baseline", () => {
    const start = incrementalStart({ working: false, baseline: false });
    expect(start.kind).toBe("full");
    expect(start.note).toContain("npm run test:mutation:record");
    expect(start.note).toContain(BASELINE_FILE);
  });
});
