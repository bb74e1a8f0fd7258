import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { linkAuditInputs } from "./scratch-checkout";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { workflows } from "../../workflows-src/index";
import type { WorkflowDefinition } from "../../workflows-src/builders/workflow";
import { checkWorkflows } from "./check";
import { planInChild } from "./plan-process";
import { inProcessAuditor } from "./policy/audit-request";
import { policyContext } from "./policy/context";
import { withHeader } from "./header";
// This repository's own environments (the guestbook's): what its workflows are judged against.
import * as guestbook from "../../workflows-src/environments";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const QUALITY = ".github/workflows/quality.yml";

let root: string;

/** A scratch checkout holding the generated locations and package.json, copied from the repository. */
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "check-workflows-"));
  for (const dir of [".github/workflows", "docs/deployment/diagrams"]) {
    cpSync(path.join(REPO, dir), path.join(root, dir), { recursive: true });
  }
  // The audit reads the scripts a step's `npm run` reaches from the checkout's package.json.
  cpSync(path.join(REPO, "package.json"), path.join(root, "package.json"));
  linkAuditInputs(root);
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

const read = (file: string) => readFileSync(path.join(root, file), "utf8");
const write = (file: string, text: string) =>
  writeFileSync(path.join(root, file), text);
const edit = (file: string, from: string | RegExp, to: string) => {
  const before = read(file);
  const after = before.replace(from, to);
  expect(after).not.toBe(before);
  write(file, after);
};
/**
 * Judged in this process against the scratch checkout (the same rules, no process per call): the
 * clean process itself is tested in policy/clean-audit.test.ts and by the last case here.
 */
const here = () => inProcessAuditor(policyContext(root, guestbook));
const check = (definitions: readonly WorkflowDefinition[] = workflows) =>
  checkWorkflows(root, definitions, here());
const rules = async (definitions: readonly WorkflowDefinition[] = workflows) =>
  (await check(definitions)).map((p) => `${p.file} ${p.rule}`);

describe("checkWorkflows on a copy of the repository", () => {
  it("passes on the committed files (the golden files)", async () => {
    expect(await check()).toEqual([]);
  });

  it("names a hand-edited file and shows the diff", async () => {
    edit(QUALITY, "timeout-minutes: 15", "timeout-minutes: 99");
    const problems = await check();
    expect(problems.map((p) => p.rule)).toEqual(["drift-hand-edited"]);
    expect(problems[0]?.file).toBe(QUALITY);
    expect(problems[0]?.detail).toContain("-    timeout-minutes: 99");
    expect(problems[0]?.detail).toContain("+    timeout-minutes: 15");
  });

  it("tells a stale file (source changed, not regenerated) from a hand edit", async () => {
    const [quality, ...rest] = workflows;
    if (!quality) throw new Error("quality workflow missing");
    const changed: WorkflowDefinition = {
      ...quality,
      workflow: { ...quality.workflow, name: "Quality v2" },
    };
    // The diagram's title comes from the same source, so it is stale too.
    expect(await rules([changed, ...rest])).toEqual([
      `${QUALITY} drift-stale`,
      "docs/deployment/diagrams/quality.md drift-stale",
    ]);
  });

  it("reports a missing generated file", async () => {
    unlinkSync(path.join(root, ".github/workflows/mutation.yml"));
    expect(await rules()).toEqual([
      ".github/workflows/mutation.yml drift-missing",
    ]);
  });

  it("reports an orphan: our header, no source", async () => {
    write(".github/workflows/old.yml", read(QUALITY));
    expect(await rules()).toEqual([".github/workflows/old.yml drift-orphan"]);
  });

  it("reports a workflow written by hand", async () => {
    const body = read(QUALITY).split("\n").slice(4).join("\n");
    write(".github/workflows/manual.yml", body);
    expect(await rules()).toEqual([
      ".github/workflows/manual.yml drift-not-generated",
    ]);
  });

  it("reports a hand-edited diagram", async () => {
    edit(
      "docs/deployment/diagrams/quality.md",
      "build --> e2e",
      "drift --> e2e",
    );
    expect(await rules()).toEqual([
      "docs/deployment/diagrams/quality.md drift-hand-edited",
    ]);
  });

  it("runs actionlint: a broken needs is found", async () => {
    edit(QUALITY, /needs:\n {6}- build/, "needs:\n      - biuld");
    const found = await rules();
    expect(found).toContain(`${QUALITY} actionlint/job-needs`);
  });

  it("refuses an action not pinned by SHA, even with a valid checksum", async () => {
    // Re-header the edited body so only the hardening rule (not drift detection) can object.
    const sourceOf = (text: string) =>
      /Generated from (\S+)/.exec(text)?.[1] ?? "";
    const text = read(QUALITY);
    const body = text
      .split("\n")
      .slice(4)
      .join("\n")
      .replace(/actions\/cache@[0-9a-f]{40} # v5.0.5/, "actions/cache@v5");
    write(QUALITY, withHeader("yaml", sourceOf(text), body));
    const found = await rules();
    expect(found).toContain(`${QUALITY} uses-catalog`);
    // In generator form, so drift alone reads it as stale; the audit is what refuses it.
    expect(found).toContain(`${QUALITY} drift-stale`);
  });

  it("refuses an expression inside run:", async () => {
    edit(QUALITY, "run: npm run lint\n", "run: echo ${{ github.head_ref }}\n");
    const found = await rules();
    expect(found).toContain(`${QUALITY} run-allowed`);
    expect(found).toContain(`${QUALITY} drift-hand-edited`);
  });

  it("calls an edit with a recomputed checksum a hand edit when gen would not write that text", async () => {
    const text = read(QUALITY);
    const source = /Generated from (\S+)/.exec(text)?.[1] ?? "";
    const body = text
      .split("\n")
      .slice(4)
      .join("\n")
      .replace("name: Quality\n", "name: Quality # reviewed\n");
    write(QUALITY, withHeader("yaml", source, body));
    const problems = await check();
    expect(problems.map((p) => p.rule)).toEqual(["drift-hand-edited"]);
    expect(problems[0]?.message).toContain(
      "its checksum was recomputed, but the generator never writes this text",
    );
  });

  it("audits every composite action under .github/actions/", async () => {
    mkdirSync(path.join(root, ".github/actions/setup"), { recursive: true });
    write(
      ".github/actions/setup/action.yml",
      "name: setup\ndescription: x\nruns:\n  using: composite\n  steps:\n    - run: npx left-pad\n      shell: bash\n",
    );
    expect(await rules()).toEqual([
      ".github/actions/setup/action.yml run-allowed",
    ]);
  });

  it("keeps a definition that patches the process away from the check (planned in a child)", async () => {
    // A definitions module that breaks Array.prototype.push: in the checking process it would
    // silence every problem; in the planning child it only spoils that child's answer.
    const evil = path.join(root, "evil-definitions.ts");
    write(
      "evil-definitions.ts",
      `export * from ${JSON.stringify(path.join(REPO, "workflows-src/index.ts"))};\nArray.prototype.push = function () { return this.length; };\n`,
    );
    edit(QUALITY, "runs-on: ubuntu-24.04", "runs-on: self-hosted");
    const problems = await checkWorkflows(root, () => planInChild(evil));
    expect(problems.map((p) => p.rule)).toContain("runs-on-hosted");
  }, 60_000);
});
