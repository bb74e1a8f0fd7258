import type { GeneratedWorkflowTypes as GW } from "@github-actions-workflow-ts/lib";
import { describe, expect, it } from "vitest";
import { environments } from "../environments";
import { deploy } from "../workflows/deploy";
import { rollbackWorkflow } from "../workflows/rollback";
import { deployCondition, deployJob, rollbackJob, routeJob } from "./deploy";
import { quality } from "../workflows/quality";
import { render } from "./expr";
import { qualityCall } from "./quality";

const { staging, production } = environments;
const steps = (job: GW.NormalJob | GW.ReusableWorkflowCallJob): GW.Step[] =>
  "steps" in job ? [...(job.steps ?? [])] : [];

describe("deployJob", () => {
  const built = deployJob(
    "npm",
    production,
    qualityCall(quality),
    routeJob("npm"),
  );
  const job = built.job as GW.NormalJob;

  it("is one job per environment: one approval covers migrate and deploy", () => {
    expect(job.environment).toEqual({
      name: "production",
      url: production.url,
    });
    const scripts = steps(job).flatMap((s) => (s.run ? [s.run] : []));
    // The slim toolset, not the app's node_modules (and no cache: the job holds secrets).
    expect(scripts).toEqual([
      "npm run deploy:toolset",
      "npm run deploy:migrate",
      "npm run deploy:release",
    ]);
    expect(job.needs).toEqual(["quality", "route"]);
  });

  it("turns setup-node's own caching off explicitly (a job with secrets restores no cache)", () => {
    for (const built of [
      job,
      rollbackJob("npm", staging).job as GW.NormalJob,
    ]) {
      const node = steps(built).find((s) =>
        s.uses?.startsWith("actions/setup-node@"),
      );
      expect(node?.with).toEqual({
        "node-version-file": ".nvmrc",
        "package-manager-cache": false,
      });
    }
  });

  it("never cancels a running deploy or migration", () => {
    expect(job.concurrency).toEqual({
      group: "deploy-production",
      "cancel-in-progress": false,
    });
  });

  it("ships the quality artifact instead of rebuilding", () => {
    const download = steps(job).find(
      (s) => s.name === "Download the build artifact",
    );
    expect(download?.with).toEqual({
      name: "${{ needs.quality.outputs.worker-artifact }}",
      path: ".open-next",
    });
    expect(steps(job).some((s) => s.run?.includes("build"))).toBe(false);
  });

  it("passes values through env only, secrets only where Cloudflare is called", () => {
    for (const step of steps(job)) expect(step.run ?? "").not.toContain("${{");
    const withSecrets = steps(job).filter((s) =>
      JSON.stringify(s.env ?? {}).includes("secrets."),
    );
    expect(withSecrets.map((s) => s.id)).toEqual(["migrate", "release"]);
    const release = steps(job).find((s) => s.id === "release");
    expect(release?.env).toMatchObject({
      DEPLOY_ENV: "production",
      DEPLOY_BOOKMARK: "${{ steps.migrate.outputs.bookmark }}",
    });
  });

  it("exposes typed outputs for later jobs", () => {
    expect(
      Object.fromEntries(
        Object.entries(built.outputs).map(([k, v]) => [k, render(v)]),
      ),
    ).toEqual({
      bookmark: "${{ needs.deploy-production.outputs.bookmark }}",
      "version-id": "${{ needs.deploy-production.outputs.version-id }}",
      "previous-version-id":
        "${{ needs.deploy-production.outputs.previous-version-id }}",
    });
  });

  it("runs only when the route job chose its environment", () => {
    expect(job.if).toBe("needs.route.outputs.environment == 'production'");
    expect(render(deployCondition(staging, routeJob("npm")))).toBe(
      "${{ needs.route.outputs.environment == 'staging' }}",
    );
  });

  it("has no final health-check step: release verifies the public URL and rolls back itself", () => {
    expect(steps(job).map((s) => s.run)).not.toContain("npm run health:check");
  });
});

describe("routeJob", () => {
  const built = routeJob("npm");
  const job = built.job as GW.NormalJob;

  it("decides the environment with no secrets, no environment and read-only contents", () => {
    expect(job.permissions).toEqual({ contents: "read" });
    expect(job.environment).toBeUndefined();
    expect(job["timeout-minutes"]).toBe(5);
    expect(job.needs).toBeUndefined();
    expect(JSON.stringify(job)).not.toContain("secrets.");
    const route = steps(job).find((s) => s.run === "npm run deploy:route");
    expect(route).toMatchObject({
      id: "route",
      env: { DEPLOY_INPUT_ENVIRONMENT: "${{ inputs.environment }}" },
    });
  });

  it("exposes the chosen environment as a typed job output", () => {
    expect(job.outputs).toEqual({
      environment: "${{ steps.route.outputs.environment }}",
    });
    expect(render(built.outputs.environment)).toBe(
      "${{ needs.route.outputs.environment }}",
    );
  });
});

describe("workflows", () => {
  it("deploy.yml: pushes to the environments' branches, dispatch with a typed choice, quality first", () => {
    const on = deploy.workflow.on as GW.Workflow["on"] &
      Record<string, unknown>;
    expect(on).toMatchObject({
      push: { branches: ["develop", "main"] },
      workflow_dispatch: {
        inputs: {
          environment: { type: "choice", options: ["staging", "production"] },
        },
      },
    });
    expect(deploy.jobs.map((j) => j.id)).toEqual([
      "quality",
      "route",
      "deploy-staging",
      "deploy-production",
    ]);
    const jobs = deploy.workflow.jobs as Record<string, GW.NormalJob>;
    expect(jobs["route"]?.needs).toBeUndefined();
    expect(jobs["deploy-staging"]).toMatchObject({
      needs: ["quality", "route"],
      if: "needs.route.outputs.environment == 'staging'",
    });
    expect(jobs["deploy-production"]).toMatchObject({
      needs: ["quality", "route"],
      if: "needs.route.outputs.environment == 'production'",
    });
    expect(
      (deploy.workflow.jobs["quality"] as GW.ReusableWorkflowCallJob).uses,
    ).toBe("./.github/workflows/quality.yml");
  });

  it("rollback.yml: inputs reach the script through env, under the environment's approval", () => {
    const job = rollbackJob("npm", production).job as GW.NormalJob;
    expect(job.environment).toMatchObject({ name: "production" });
    expect(job.concurrency).toEqual({
      group: "deploy-production",
      "cancel-in-progress": false,
    });
    const step = steps(job).find((s) => s.run === "npm run deploy:rollback");
    expect(step?.env).toMatchObject({
      DEPLOY_ENV: "production",
      ROLLBACK_VERSION_ID: "${{ inputs.version-id }}",
      ROLLBACK_BOOKMARK: "${{ inputs.bookmark }}",
      ROLLBACK_TIMESTAMP: "${{ inputs.timestamp }}",
      ROLLBACK_SKIP_WORKER: "${{ inputs.skip-worker }}",
    });
    // The CLI writes undo-bookmark to its step's outputs; the job re-exports it for the run page/API.
    expect(step?.id).toBe("rollback");
    expect(job.outputs).toEqual({
      "undo-bookmark": "${{ steps.rollback.outputs.undo-bookmark }}",
    });
    expect(rollbackWorkflow.jobs.map((j) => j.id)).toEqual([
      "rollback-staging",
      "rollback-production",
    ]);
  });
});
