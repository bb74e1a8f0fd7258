import { describe, expect, it } from "vitest";
import { evaluateSmoke } from "./smoke";

const checks = [
  { path: "/", status: 200 },
  { path: "/fr/blog", status: 200 },
];

describe("evaluateSmoke", () => {
  it("passes when every path ends at its status, naming where redirects landed", () => {
    expect(
      evaluateSmoke(checks, [
        { path: "/", status: 200, landedOn: "/fr/" },
        { path: "/fr/blog", status: 200 },
      ]),
    ).toEqual({
      ok: true,
      summary: "/ → 200 (redirected to /fr/), /fr/blog → 200",
    });
  });
  it("names the first path that did not and what it answered", () => {
    expect(
      evaluateSmoke(checks, [
        { path: "/", status: 503 },
        { path: "/fr/blog", status: 404 },
      ]),
    ).toEqual({ ok: false, reason: "/ answered HTTP 503, expected 200" });
    expect(evaluateSmoke(checks, [{ path: "/", status: 200 }])).toEqual({
      ok: false,
      reason: "/fr/blog: no answer",
    });
  });
});
