import { describe, expect, it } from "vitest";
import { parseTimes } from "./run-step";

describe("parseTimes", () => {
  it("sums the children line of bash's times", () => {
    expect(parseTimes("0m0.010s 0m0.002s\n1m2.500s 0m0.750s\n")).toBe(63.25);
  });
});
