import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseEnvironments } from "../../workflows-src/builders/environment-model";
import type { GeneratedWorkflowTypes as GW } from "@github-actions-workflow-ts/lib";
import type { WorkflowDefinition } from "../../workflows-src/builders/workflow";
import { workflows } from "../../workflows-src/index";
import { generate } from "./generate";
import { withHeader } from "./header";
import { inProcessAuditor } from "./policy/audit-request";
import { policyContext } from "./policy/context";
// This repository's own environments (the guestbook's): what its workflows are judged against.
import * as guestbook from "../../workflows-src/environments";

const REPO = path.join(import.meta.dirname, "../..");
// Judged in this process against the repository (the scratch root has no package.json).
const ctx = inProcessAuditor(policyContext(REPO, guestbook));

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "generate-"));
  mkdirSync(path.join(root, ".github/workflows"), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const orphan = ".github/workflows/old.yml";
const list = () => readdirSync(path.join(root, ".github/workflows")).sort();

describe("generate", () => {
  it("writes every workflow and diagram, deletes our orphan, and is idempotent", async () => {
    writeFileSync(
      path.join(root, orphan),
      withHeader("yaml", "workflows-src/workflows/old.ts", "name: old\n"),
    );
    const first = await generate(root, async () => ({ workflows }), ctx);
    expect(first.ok && first.plan.remove).toEqual([orphan]);
    expect(list()).toEqual(workflows.map((w) => w.file).sort());
    const second = await generate(root, async () => ({ workflows }), ctx);
    expect(second.ok && second.plan.write).toEqual([]);
  });

  it("writes nothing and reports the field path when an environment is invalid", async () => {
    writeFileSync(
      path.join(root, orphan),
      withHeader("yaml", "workflows-src/workflows/old.ts", "name: old\n"),
    );
    const result = await generate(
      root,
      async () => {
        parseEnvironments({ staging: {}, production: {} });
        return { workflows };
      },
      ctx,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toContain(
      "environments.ts: staging.name: Missing — use lower-case letters, digits and dashes, equal to its key",
    );
    expect(list()).toEqual(["old.yml"]);
    expect(readFileSync(path.join(root, orphan), "utf8")).toContain(
      "name: old",
    );
  });

  it("writes nothing when a workflow breaks the policy, naming its TS source and the YAML line", async () => {
    const [quality, ...rest] = workflows;
    if (!quality) throw new Error("quality workflow missing");
    const selfHosted: WorkflowDefinition = {
      ...quality,
      workflow: {
        ...quality.workflow,
        jobs: {
          ...quality.workflow.jobs,
          drift: {
            ...quality.workflow.jobs["drift"],
            "runs-on": "self-hosted",
          } as GW.NormalJob,
        },
      },
    };
    const result = await generate(
      root,
      async () => ({ workflows: [selfHosted, ...rest] }),
      ctx,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      expect.stringMatching(
        /^workflows-src\/workflows\/quality\.ts: \.github\/workflows\/quality\.yml:\d+ runs-on-hosted job drift runs on self-hosted — /,
      ),
    ]);
    expect(list()).toEqual([]);
  });
});
