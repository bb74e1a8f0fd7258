import { describe, expect, it } from "vitest";
import { actionRef } from "../actions";
import { quality } from "../workflows/quality";
import { mutation } from "../workflows/mutation";
import pipelineConfig from "../pipeline.config";
import { render } from "./expr";

const MUTATION_CRITICAL_PATHS = pipelineConfig.stages.mutation?.paths ?? [];
const UNIT_SHARDS = pipelineConfig.stages.unit?.parts ?? 1;
import {
  PLAYWRIGHT_PACKAGE,
  qualityCall,
  CLOUD_PARTS,
  workerArtifact,
} from "./quality";

// Loaded by URL: the lead's JavaScript config has no type declarations.
const strykerConfig = (
  (await import(new URL("../../stryker.config.mjs", import.meta.url).href)) as {
    default: { mutate: string[] };
  }
).default;

type Job = {
  needs?: string | string[];
  steps?: {
    id?: string;
    uses?: string;
    run?: string;
    with?: Record<string, unknown>;
    env?: Record<string, unknown>;
  }[];
};
const jobs = quality.workflow.jobs as Record<string, Job>;

describe("quality workflow", () => {
  it("runs zizmor on .github/ with the catalogued action, failing on findings instead of uploading SARIF", () => {
    const step = jobs["zizmor"]?.steps?.find((s) =>
      s.uses?.startsWith("zizmorcore/zizmor-action@"),
    );
    expect(step?.uses).toBe(actionRef("zizmor"));
    expect(step?.with).toMatchObject({
      inputs: ".github/",
      "advanced-security": false,
    });
    expect(step?.with?.["version"]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(jobs["zizmor"]?.needs).toBeUndefined();
  });

  it("runs the drift check beside the other jobs, not as a serial gate", () => {
    for (const id of ["drift", "static", "migrations", "unit-1", "build"])
      expect(jobs[id]?.needs).toBeUndefined();
    expect(jobs["e2e"]?.needs).toEqual(["build"]);
  });

  it("runs the unit suite as UNIT_SHARDS parallel parts, each with its own coverage artifact", () => {
    const parts = Array.from(
      { length: UNIT_SHARDS },
      (_, i) => jobs[`unit-${i + 1}`],
    );
    expect(UNIT_SHARDS).toBeGreaterThan(1);
    parts.forEach((job, i) => {
      const run = job?.steps?.find((s) => s.run === "npm run test:unit:shard");
      expect(run?.env).toEqual({ UNIT_SHARD: `${i + 1}/${UNIT_SHARDS}` });
    });
    const coverage = parts.map(
      (job) =>
        job?.steps?.find((s) => s.uses?.startsWith("actions/upload-artifact@"))
          ?.with?.["name"],
    );
    expect(new Set(coverage).size).toBe(UNIT_SHARDS);
    expect(jobs["unit"]).toBeUndefined();
  });

  it("runs the cloud rehearsal as CLOUD_PARTS jobs, each given its part through the contract's env", () => {
    expect(CLOUD_PARTS).toBeGreaterThan(1);
    for (let i = 1; i <= CLOUD_PARTS; i++) {
      const run = jobs[`cloud-${i}`]?.steps?.find(
        (s) => s.run === "npm run rehearse:cloud",
      );
      expect(run?.env).toEqual({ CLOUD_PART: `${i}/${CLOUD_PARTS}` });
      expect(jobs[`cloud-${i}`]?.needs).toBeUndefined();
    }
    expect(jobs["cloud"]).toBeUndefined();
    expect(jobs[`cloud-${CLOUD_PARTS + 1}`]).toBeUndefined();
  });

  it("restores node_modules in every job (none of them holds a secret)", () => {
    const restores = (id: string) =>
      jobs[id]?.steps?.some((s) =>
        s.uses?.startsWith("actions/cache/restore@"),
      );
    for (const id of [
      "drift",
      "static",
      "migrations",
      "unit-1",
      "build",
      "e2e",
    ])
      expect(restores(id), id).toBe(true);
  });

  it("tests the build artifact it uploads, by the build job's typed output", () => {
    const upload = jobs["build"]?.steps?.find(
      (s) => s.with?.["name"] === workerArtifact.name,
    );
    expect(upload?.with?.["path"]).toBe(".open-next");
    const download = jobs["e2e"]?.steps?.find((s) =>
      s.uses?.startsWith("actions/download-artifact@"),
    );
    expect(download?.with).toEqual({
      name: "${{ needs.build.outputs.artifact-name }}",
      path: ".open-next",
    });
  });

  it("cancels superseded runs only for pull requests", () => {
    const concurrency = quality.workflow.concurrency as {
      group: string;
      "cancel-in-progress": string;
    };
    expect(concurrency["cancel-in-progress"]).toBe(
      "${{ github.event_name == 'pull_request' }}",
    );
    expect(concurrency.group).toContain("github.run_id");
  });

  it("is callable by deploy.yml, exposing the artifact name", () => {
    const on = quality.workflow.on as {
      workflow_call?: { outputs?: Record<string, { value: string }> };
    };
    expect(on.workflow_call?.outputs?.["worker-artifact"]?.value).toBe(
      "${{ jobs.build.outputs.artifact-name }}",
    );
    expect(render(qualityCall(quality).outputs["worker-artifact"])).toBe(
      "${{ needs.quality.outputs.worker-artifact }}",
    );
  });

  it("keys the browser cache on the Playwright version read at run time, before the cache step", () => {
    const steps = jobs["e2e"]?.steps ?? [];
    const read = steps.findIndex((s) => s.id === "playwright-version");
    const cache = steps.findIndex((s) => s.uses?.startsWith("actions/cache@"));
    expect(steps[read]?.run).toBe("npm run ci:installed-version");
    expect(steps[read]?.env).toEqual({ INSTALLED_PACKAGE: PLAYWRIGHT_PACKAGE });
    expect(read).toBeGreaterThan(-1);
    expect(read).toBeLessThan(cache);
    expect(steps[cache]?.with?.["key"]).toBe(
      "playwright-${{ runner.os }}-${{ steps.playwright-version.outputs.version }}",
    );
  });
});

describe("mutation workflow", () => {
  const steps = (
    mutation.workflow.jobs as Record<
      string,
      { steps: { if?: string; uses?: string; run?: string }[] }
    >
  )["mutation"]?.steps;

  it("runs incrementally on pull requests from a read-only copy of the base branch's file", () => {
    const pr = "${{ github.event_name == 'pull_request' }}";
    const prSteps = steps?.filter((s) => s.if === pr) ?? [];
    expect(prSteps.map((s) => s.uses?.split("@")[0] ?? s.run)).toEqual([
      "actions/cache/restore",
      "npm run test:mutation:incremental",
    ]);
    // Nothing a pull request runs can save the file back.
    const saves =
      steps?.filter((s) => s.uses?.startsWith("actions/cache/save@")) ?? [];
    expect(saves.some((s) => s.if === pr || s.if === undefined)).toBe(false);
  });

  it("records the full run's incremental file on the deploy branches and weekly", () => {
    const on = mutation.workflow.on as { push: { branches: string[] } };
    expect(on.push.branches).toEqual(["develop", "main"]);
    const full = "${{ !(github.event_name == 'pull_request') }}";
    expect(
      steps
        ?.filter((s) => s.if === full)
        .map((s) => s.uses?.split("@")[0] ?? s.run),
    ).toEqual(["npm run test:mutation:record", "actions/cache/save"]);
  });

  it("runs on pull requests touching every file Stryker mutates", () => {
    const on = mutation.workflow.on as {
      pull_request: { paths: string[] };
      schedule: unknown[];
    };
    expect(on.pull_request.paths).toEqual([...MUTATION_CRITICAL_PATHS]);
    expect(on.schedule).toHaveLength(1);
    const covered = (pattern: string) =>
      MUTATION_CRITICAL_PATHS.some(
        (p: string) =>
          p === pattern ||
          (p.endsWith("/**") && pattern.startsWith(p.slice(0, -2))),
      );
    const mutated = strykerConfig.mutate.filter((p) => !p.startsWith("!"));
    expect(mutated.length).toBeGreaterThan(0);
    for (const pattern of mutated)
      expect(
        covered(pattern),
        `${pattern} is not in MUTATION_CRITICAL_PATHS`,
      ).toBe(true);
  });
});
