import { describe, expect, it } from "vitest";
import { parseDuration } from "./cli-support";

describe("parseDuration", () => {
  it("reads seconds by default, ms and minutes by suffix", () => {
    expect(parseDuration("30", "--deadline")).toBe(30_000);
    expect(parseDuration("30s", "--deadline")).toBe(30_000);
    expect(parseDuration("1500ms", "--deadline")).toBe(1500);
    expect(parseDuration("2m", "--deadline")).toBe(120_000);
    expect(parseDuration("0.5s", "--deadline")).toBe(500);
  });

  it("names the flag and a fix", () => {
    expect(() => parseDuration("soon", "--deadline")).toThrow(
      '--deadline: invalid duration "soon" — use e.g. 30s, 1500ms or 2m',
    );
  });
});
