import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inProcessAuditor } from "./audit-request";
import { auditFailure, cleanAuditor } from "./clean-audit";
import { policyContext } from "./context";
// This repository's own environments (the guestbook's): what its workflows are judged against.
import * as guestbook from "../../../workflows-src/environments";

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
    const ctx = policyContext(REPO, guestbook);
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

describe("the environments it judges secrets against", () => {
  // An adopter's checkout: its own environments.ts (plain data is enough — the audit reads names
  // and secrets) whose staging holds SENTRY_TOKEN and not the guestbook's CLOUDFLARE_API_TOKEN.
  const adopter = (): string => {
    const root = mkdtempSync(path.join(tmpdir(), "audit-adopter-"));
    mkdirSync(path.join(root, "workflows-src"));
    writeFileSync(path.join(root, "package.json"), "{}\n");
    writeFileSync(
      path.join(root, "workflows-src", "environments.ts"),
      `export const environments = {
  staging: { name: "staging", secrets: ["SENTRY_TOKEN"] },
  production: { name: "production", secrets: ["SENTRY_TOKEN"] },
};
`,
    );
    return root;
  };
  const job = (secret: string) => `name: deploy
on: push
permissions: {}
jobs:
  ship:
    runs-on: ubuntu-24.04
    environment: staging
    timeout-minutes: 5
    steps:
      - run: echo hi
        env:
          TOKEN: \${{ secrets.${secret} }}
`;
  const secretRules = async (root: string, secret: string) =>
    (
      await cleanAuditor(root)({
        files: [{ file: ".github/workflows/deploy.yml", content: job(secret) }],
        recordPins: false,
      })
    ).findings
      .filter((f) => f.rule.startsWith("secrets-"))
      .map((f) => `${f.rule}: ${f.message}`);

  it("are the checkout's own environments.ts, not the guestbook's the package carries", async () => {
    const root = adopter();
    try {
      expect(await secretRules(root, "SENTRY_TOKEN")).toEqual([]);
      expect(await secretRules(root, "CLOUDFLARE_API_TOKEN")).toEqual([
        expect.stringMatching(/^secrets-name: .*secrets\.CLOUDFLARE_API_TOKEN/),
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
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
