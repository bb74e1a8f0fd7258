import { describe, expect, it } from "vitest";
import {
  nodeReport,
  parseSpec,
  renderNodeReport,
  type NodeRelease,
} from "./node-releases";

const r = (
  version: string,
  lts: string | false,
  security = false,
): NodeRelease => ({ version, date: "2026-11-01", lts, security });

// Newest first, as nodejs.org lists them (the report must not rely on it, so one is out of order).
const INDEX = [
  r("v25.2.0", false),
  r("v24.12.0", "Krypton"),
  r("v22.22.1", "Jod", true),
  r("v22.22.0", "Jod"),
  r("v22.12.0", "Jod"),
  r("v23.11.1", false),
  r("v22.9.0", false),
];

describe("parseSpec", () => {
  it("reads the forms setup-node accepts in .nvmrc", () => {
    expect(parseSpec("22\n")).toEqual({ kind: "range", major: 22 });
    expect(parseSpec("v22.12")).toEqual({
      kind: "range",
      major: 22,
      minor: 12,
    });
    expect(parseSpec("22.12.0")).toMatchObject({ kind: "exact" });
    expect(parseSpec("lts/Jod")).toEqual({ kind: "lts", codename: "jod" });
    expect(parseSpec("node")).toBeUndefined();
  });
});

describe("nodeReport", () => {
  it("a major spec resolves to the newest release of its line and is never behind", () => {
    const report = nodeReport("22\n", INDEX);
    expect(report.resolved?.version).toBe("v22.22.1");
    expect(report.behind).toBe(false);
    expect(report.newerLts?.version).toBe("v24.12.0");
    expect(renderNodeReport(report)).toContain(
      "setup-node installs v22.22.1 (2026-11-01, LTS Jod, security release)",
    );
  });

  it("an exact spec is behind newer releases of its major, security ones called out", () => {
    const report = nodeReport("22.12.0", INDEX);
    expect(report.behind).toBe(true);
    expect(report.missed.map((m) => m.version)).toEqual([
      "v22.22.1",
      "v22.22.0",
    ]);
    const text = renderNodeReport(report);
    expect(text).toContain("**Behind**: 2 newer release(s)");
    expect(text).toContain(
      "**1 of them fix security issues** — update .nvmrc to 22.22.1",
    );
  });

  it("resolves lts/<codename> and says when nothing matches", () => {
    expect(nodeReport("lts/krypton", INDEX).resolved?.version).toBe("v24.12.0");
    const none = nodeReport("19", INDEX);
    expect(none.resolved).toBeUndefined();
    expect(renderNodeReport(none)).toContain(
      "matches no release on nodejs.org — fix .nvmrc",
    );
    expect(() => nodeReport("node", INDEX)).toThrow(
      /^\.nvmrc: "node" is not a Node version spec/,
    );
  });
});
