import { describe, expect, it } from "vitest";
import { nvmrcPlan } from "./node-version";

describe("nvmrcPlan", () => {
  it("keeps an existing .nvmrc", () => {
    expect(nvmrcPlan("20\n", "18")).toBeUndefined();
  });

  it("copies .node-version, else writes the toolset's major, each with a note", () => {
    expect(nvmrcPlan(undefined, "22.12.0\n")?.text).toBe("22.12.0\n");
    const plan = nvmrcPlan(undefined, undefined);
    expect(plan?.text).toBe("22\n");
    expect(plan?.note).toMatch(/^\.nvmrc: none here/);
  });
});
