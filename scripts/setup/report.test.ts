import { describe, expect, it } from "vitest";
import { exitCode, renderItems, summarize, type SetupItem } from "./report";

const ok: SetupItem = {
  resource: "branch develop",
  state: "ok",
  detail: "exists",
};
const missing: SetupItem = {
  resource: "branch develop",
  state: "missing",
  detail: "",
};
const ungated: SetupItem = {
  resource: "environment production",
  state: "ungated",
  detail: "production is NOT gated: …",
  gateOnly: true,
};
const gateDrift: SetupItem = { ...ungated, state: "differs" };

describe("setup report", () => {
  it("plan fails only on errors; check and apply on anything not in place", () => {
    expect(exitCode([ok, missing], "plan", false)).toBe(0);
    expect(exitCode([ok, missing], "check", false)).toBe(1);
    expect(exitCode([ok], "check", false)).toBe(0);
    expect(exitCode([ok, ungated], "apply", false)).toBe(1);
    expect(exitCode([ok, ungated], "plan", false)).toBe(1);
  });

  it("--accept-ungated accepts only approval gaps", () => {
    expect(exitCode([ok, ungated, gateDrift], "check", true)).toBe(0);
    expect(exitCode([ok, ungated, missing], "check", true)).toBe(1);
  });

  it("says no changes only when nothing changed and nothing failed", () => {
    expect(summarize([ok], "apply")).toBe("no changes");
    expect(summarize([ok, { ...ok, state: "created" }], "apply")).toBe(
      "1 change(s) applied",
    );
    expect(summarize([ok, ungated], "apply")).toBe(
      "no changes; 1 problem(s) — see above",
    );
    expect(summarize([ok, missing], "plan")).toBe(
      "1 resource(s) to create or change — run with --apply",
    );
    expect(summarize([ok], "check")).toBe(
      "no changes: live settings match the source",
    );
  });

  it("renders one line per resource", () => {
    expect(renderItems([ok, ungated])).toBe(
      "ok       branch develop — exists\nUNGATED  environment production — production is NOT gated: …",
    );
  });
});
