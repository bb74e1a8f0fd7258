import { describe, expect, it } from "vitest";
import { actionRef, actions, findPin } from "../actions";
import { buildWorkerContract, releaseContract } from "../contracts";
import { github, render } from "./expr";
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
    expect(setupNode("npm").with).toEqual({
      "node-version-file": ".nvmrc",
      cache: "npm",
    });
    expect(npmCi().run).toBe("npm ci");
    expect(prepare("npm")).toEqual([checkout(), setupNode("npm"), npmCi()]);
  });

  it("restores node_modules keyed by lockfile and Node version, installing and saving only on a miss", () => {
    const [, node, restore, install, save] = prepareCached("npm");
    expect(node).toEqual({ id: "setup-node", ...setupNode("npm") });
    expect(restore?.uses).toBe(actionRef("cacheRestore"));
    expect(restore?.with?.["key"]).toBe(
      "node-modules-${{ runner.os }}-node${{ steps.setup-node.outputs.node-version }}-${{ hashFiles('package-lock.json', 'package.json') }}",
    );
    const miss = "${{ steps.node-modules.outputs.cache-hit != 'true' }}";
    expect(install).toEqual({ ...npmCi(), if: miss });
    expect(save).toMatchObject({ if: miss, uses: actionRef("cacheSave") });
  });

  it("runs one npm script per step, values through its contract's env", () => {
    expect(
      npmRun(buildWorkerContract, { env: { APP_VERSION: github.sha } }),
    ).toEqual({
      name: "npm run build:worker",
      env: { APP_VERSION: "${{ github.sha }}" },
      run: "npm run build:worker",
    });
  });

  it("gives a step with outputs its id and typed references, secrets after env", () => {
    const release = npmRun(releaseContract, {
      id: "release",
      env: { DEPLOY_ENV: "staging", DEPLOY_BOOKMARK: "" },
      secrets: ["CLOUDFLARE_API_TOKEN"],
    });
    expect(release.step).toEqual({
      id: "release",
      name: "npm run deploy:release",
      env: {
        DEPLOY_ENV: "staging",
        DEPLOY_BOOKMARK: "",
        CLOUDFLARE_API_TOKEN: "${{ secrets.CLOUDFLARE_API_TOKEN }}",
      },
      run: "npm run deploy:release",
    });
    expect(render(release.outputs["version-id"])).toBe(
      "${{ steps.release.outputs.version-id }}",
    );
  });

  it("refuses to call a script that has a contract by its bare name", () => {
    expect(() => npmRun("deploy:release")).toThrow(
      "npm run deploy:release: has a contract in workflows-src/contracts.ts",
    );
  });

  it("refuses a step with outputs but no id (for callers that cast the types away)", () => {
    expect(() =>
      npmRun(releaseContract, {
        env: { DEPLOY_ENV: "staging", DEPLOY_BOOKMARK: "" },
      } as unknown as Parameters<typeof npmRun<typeof releaseContract>>[1]),
    ).toThrow("npm run deploy:release: writes outputs");
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
    outputs: { version: "1.0.0" },
  });

  it("gives every job a pinned runner, a timeout and read-only contents by default", () => {
    expect(base.job).toMatchObject({
      "runs-on": "ubuntu-24.04",
      "timeout-minutes": 5,
      permissions: { contents: "read" },
    });
  });

  it("exposes outputs as typed needs-expressions and derives needs from job handles", () => {
    expect(base.job).toMatchObject({ outputs: { version: "1.0.0" } });
    expect(render(base.outputs.version)).toBe(
      "${{ needs.base.outputs.version }}",
    );
    const next = defineJob("next", {
      name: "Next",
      needs: [base],
      timeoutMinutes: 5,
      steps: [
        npmRun(buildWorkerContract, {
          env: { APP_VERSION: base.outputs.version },
        }),
      ],
    });
    expect(next.job).toMatchObject({
      steps: [{ env: { APP_VERSION: "${{ needs.base.outputs.version }}" } }],
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
      workflow: { file: "quality.yml", callOutputs: ["worker-artifact"] },
    });
    expect(call.job).toEqual({
      name: "Quality",
      permissions: { contents: "read" },
      uses: "./.github/workflows/quality.yml",
    });
    expect(render(call.outputs["worker-artifact"])).toBe(
      "${{ needs.quality.outputs.worker-artifact }}",
    );
  });
});
