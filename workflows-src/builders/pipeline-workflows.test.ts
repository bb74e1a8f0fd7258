import type { GeneratedWorkflowTypes as GW } from "@github-actions-workflow-ts/lib";
import { describe, expect, it } from "vitest";
import { environments } from "../environments";
import { parsePipelineConfig } from "./pipeline-config";
import { pipelineWorkflows } from "./pipeline-workflows";

const SOURCE = { sourcePath: "workflows-src/pipeline.config.ts" };

const pnpm = parsePipelineConfig({
  packageManager: "pnpm",
  stages: {
    lint: { script: "lint" },
    typecheck: { script: "typecheck" },
    unit: { script: "test:unit", config: "config/vitest.config.ts" },
    build: { script: "build:worker" },
    e2e: { script: "test:e2e" },
  },
});

function allSteps(workflows: ReturnType<typeof pipelineWorkflows>): GW.Step[] {
  return workflows.flatMap((w) =>
    Object.values(w.workflow.jobs).flatMap((job) =>
      "steps" in job ? [...(job.steps ?? [])] : [],
    ),
  );
}

describe("pipelineWorkflows with pnpm", () => {
  const workflows = pipelineWorkflows(pnpm, environments, SOURCE);
  const runs = allSteps(workflows).flatMap((s) => (s.run ? [s.run] : []));

  it("installs with the frozen pnpm lockfile and runs every script through pnpm, never npm", () => {
    expect(runs.filter((r) => r.startsWith("npm"))).toEqual([]);
    expect(new Set(runs.map((r) => r.split(" ")[0]))).toEqual(
      new Set(["corepack", "pnpm"]),
    );
    expect(runs).toContain("pnpm install --frozen-lockfile");
    expect(runs).toContain("pnpm run deploy:migrate");
  });

  it("enables corepack right after setup-node in every job that runs a script", () => {
    for (const w of workflows) {
      for (const job of Object.values(w.workflow.jobs)) {
        if (!("steps" in job)) continue;
        const steps = job.steps ?? [];
        if (!steps.some((s) => s.run?.startsWith("pnpm"))) continue;
        const node = steps.findIndex((s) =>
          s.uses?.startsWith("actions/setup-node@"),
        );
        expect(steps[node + 1]?.run).toBe("corepack enable");
        // No setup-node download cache: it would need pnpm before corepack can provide it.
        expect(steps[node]?.with).toMatchObject({
          "package-manager-cache": false,
        });
      }
    }
  });

  it("keys the node_modules cache on pnpm-lock.yaml", () => {
    const keys = allSteps(workflows).flatMap((s) =>
      s.uses?.startsWith("actions/cache/restore@") &&
      s.with?.["path"] === "node_modules"
        ? [String(s.with["key"])]
        : [],
    );
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys)
      expect(key).toContain("hashFiles('pnpm-lock.yaml', 'package.json')");
  });

  it("has a job only for configured stages, and no mutation.yml without a mutation stage", () => {
    expect(workflows.map((w) => w.file)).toEqual([
      "quality.yml",
      "deploy.yml",
      "rollback.yml",
      "maintenance.yml",
    ]);
    const quality = workflows[0]?.workflow.jobs ?? {};
    expect(Object.keys(quality)).toEqual([
      "drift",
      "static",
      "migrations",
      "unit",
      "build",
      "e2e",
      "zizmor",
    ]);
    const staticRuns = (quality["static"] as GW.NormalJob).steps?.flatMap(
      (s) => (s.run?.startsWith("pnpm run") ? [s.run] : []),
    );
    expect(staticRuns).toEqual(["pnpm run lint", "pnpm run typecheck"]);
  });

  it("names the config file in every generated header", () => {
    for (const w of workflows)
      expect(w.source).toBe("workflows-src/pipeline.config.ts");
  });
});
