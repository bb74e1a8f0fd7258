import { describe, expect, it } from "vitest";
import { actionRef, actions, findPin } from "../actions";
import {
  callWorkflow,
  checkout,
  defineJob,
  downloadArtifact,
  npmCi,
  npmRun,
  prepare,
  prepareCached,
  setupNode,
  uploadArtifact,
} from "./steps";

describe("action catalog", () => {
  it("pins every action to a full SHA and a release tag", () => {
    for (const pin of Object.values(actions)) {
      expect(pin.sha).toMatch(/^[0-9a-f]{40}$/);
      expect(pin.version).toMatch(/^v\d+\.\d+\.\d+$/);
      expect(findPin(`${pin.repo}@${pin.sha}`)).toBe(pin);
    }
    expect(findPin("actions/checkout@v7")).toBeUndefined();
  });
});

describe("shared steps", () => {
  it("checks out without persisting credentials", () => {
    expect(checkout()).toEqual({
      name: "Check out",
      uses: actionRef("checkout"),
      with: { "persist-credentials": false },
    });
  });

  it("sets Node up from .nvmrc with the npm cache, then installs with npm ci", () => {
    expect(setupNode().with).toEqual({
      "node-version-file": ".nvmrc",
      cache: "npm",
    });
    expect(npmCi().run).toBe("npm ci");
    expect(prepare()).toEqual([checkout(), setupNode(), npmCi()]);
  });

  it("restores node_modules keyed by lockfile and Node version, installing and saving only on a miss", () => {
    const [, node, restore, install, save] = prepareCached();
    expect(node).toEqual({ id: "setup-node", ...setupNode() });
    expect(restore?.uses).toBe(actionRef("cacheRestore"));
    expect(restore?.with?.["key"]).toBe(
      "node-modules-${{ runner.os }}-node${{ steps.setup-node.outputs.node-version }}-${{ hashFiles('package-lock.json', 'package.json') }}",
    );
    const miss = "${{ steps.node-modules.outputs.cache-hit != 'true' }}";
    expect(install).toEqual({ ...npmCi(), if: miss });
    expect(save).toMatchObject({ if: miss, uses: actionRef("cacheSave") });
  });

  it("runs one npm script per step, values through env", () => {
    expect(
      npmRun("build:worker", { env: { APP_VERSION: "${{ github.sha }}" } }),
    ).toEqual({
      name: "npm run build:worker",
      env: { APP_VERSION: "${{ github.sha }}" },
      run: "npm run build:worker",
    });
  });

  it("uploads and downloads the same artifact by name and path", () => {
    const artifact = { name: "a", path: "dir" };
    const up = uploadArtifact(artifact, { retentionDays: 3 });
    expect(up.with).toMatchObject({
      name: "a",
      path: "dir",
      "retention-days": 3,
      "if-no-files-found": "error",
    });
    expect(downloadArtifact(artifact).with).toEqual({ name: "a", path: "dir" });
  });
});

describe("defineJob", () => {
  const base = defineJob("base", {
    name: "Base",
    timeoutMinutes: 5,
    steps: [npmCi()],
    outputs: { version: "${{ steps.v.outputs.version }}" },
  });

  it("gives every job a pinned runner, a timeout and read-only contents by default", () => {
    expect(base.job).toMatchObject({
      "runs-on": "ubuntu-24.04",
      "timeout-minutes": 5,
      permissions: { contents: "read" },
    });
  });

  it("exposes outputs as typed needs-expressions and derives needs from job handles", () => {
    expect(base.outputs.version).toBe("${{ needs.base.outputs.version }}");
    const next = defineJob("next", {
      name: "Next",
      needs: [base],
      timeoutMinutes: 5,
      steps: [npmRun("x", { env: { V: base.outputs.version } })],
    });
    expect(next.job.needs).toEqual(["base"]);
  });

  it("refuses a job without steps", () => {
    expect(() =>
      defineJob("empty", { name: "E", timeoutMinutes: 1, steps: [] }),
    ).toThrow("jobs.empty.steps: empty");
  });
});

describe("callWorkflow", () => {
  it("calls a local workflow with least permissions, no timeout and no secrets", () => {
    const call = callWorkflow("quality", {
      name: "Quality",
      workflow: "quality.yml",
      outputs: ["worker-artifact"],
    });
    expect(call.job).toEqual({
      name: "Quality",
      permissions: { contents: "read" },
      uses: "./.github/workflows/quality.yml",
    });
    expect(call.outputs["worker-artifact"]).toBe(
      "${{ needs.quality.outputs.worker-artifact }}",
    );
  });
});
