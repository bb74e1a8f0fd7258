import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { inProcessAuditor } from "./audit-request";
import { cleanAuditor } from "./clean-audit";
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
