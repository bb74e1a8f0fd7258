import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { inProcessAuditor } from "./audit-request";
import { auditFailure, cleanAuditor } from "./clean-audit";
import { policyContext } from "./context";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));

const PWN = `name: pwn
on: pull_request_target
permissions: {}
jobs: {}
`;

describe("the audit in a clean process", () => {
  it("is not fooled by what code loaded in the caller's process patched", async () => {
    const request = {
      files: [{ file: ".github/workflows/pwn.yml", content: PWN }],
      recordPins: false,
    };
    const ctx = policyContext(REPO);
    // What a workflow definition could do while gen:workflows or check:workflows imports it.
    const has = Set.prototype.has;
    Set.prototype.has = () => true;
    try {
      const inProcess = await inProcessAuditor(ctx)(request);
      const clean = cleanAuditor(REPO)(request);
      Set.prototype.has = has;
      expect(inProcess.findings).toEqual([]);
      expect((await clean).findings.map((f) => f.rule)).toContain(
        "trigger-allowed",
      );
    } finally {
      Set.prototype.has = has;
    }
  }, 30_000);

  it("records the pins of what environment jobs run when asked", async () => {
    const answer = await cleanAuditor(REPO)({ files: [], recordPins: true });
    expect(answer.pins).toEqual({ scripts: {}, files: {} });
  }, 30_000);
});

describe("auditFailure", () => {
  it("names the error, not the frame Node printed first, and the fix for a missing package", () => {
    const stderr = `node:internal/modules/run_main:123
    triggerUncaughtException(
    ^
Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'mvdan-sh' imported from /r/scripts/workflows/policy/shell-parse.ts
    at packageResolve (node:internal/modules/esm/resolve:873:9)`;
    expect(auditFailure(stderr)).toBe(
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'mvdan-sh' imported from /r/scripts/workflows/policy/shell-parse.ts — node_modules is older than package-lock.json: run npm ci (or ./dev)",
    );
  });

  it("points any other crash at the audit itself", () => {
    expect(auditFailure("boom\nTypeError: x is not a function\n")).toBe(
      "TypeError: x is not a function — run npm run audit:workflows to see why",
    );
    expect(auditFailure("")).toBe(
      "no output — run npm run audit:workflows to see why",
    );
  });
});
