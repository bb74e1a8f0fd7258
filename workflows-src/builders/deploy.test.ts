import type { GeneratedWorkflowTypes as GW } from "@github-actions-workflow-ts/lib";
import { describe, expect, it } from "vitest";
import { environments } from "../environments";
import { deploy } from "../workflows/deploy";
import { rollbackWorkflow } from "../workflows/rollback";
import { deployCondition, deployJob, healthCheck, rollbackJob } from "./deploy";
import { qualityCall } from "./quality";

const { staging, production } = environments;
const steps = (job: GW.NormalJob | GW.ReusableWorkflowCallJob): GW.Step[] =>
  "steps" in job ? [...(job.steps ?? [])] : [];

describe("deployJob", () => {
  const built = deployJob(production, qualityCall());
  const job = built.job as GW.NormalJob;

  it("is one job per environment: one approval covers migrate and deploy", () => {
    expect(job.environment).toEqual({
      name: "production",
      url: production.url,
    });
    const scripts = steps(job).flatMap((s) => (s.run ? [s.run] : []));
    expect(scripts).toEqual([
      "npm ci",
      "npm run deploy:migrate",
      "npm run deploy:release",
      "npm run health:check",
    ]);
    expect(job.needs).toEqual(["quality"]);
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
    expect(built.outputs).toEqual({
      bookmark: "${{ needs.deploy-production.outputs.bookmark }}",
      "version-id": "${{ needs.deploy-production.outputs.version-id }}",
      "previous-version-id":
        "${{ needs.deploy-production.outputs.previous-version-id }}",
    });
  });

  it("runs for a push to the environment's branch, or a dispatch choosing it from that branch", () => {
    expect(deployCondition(staging)).toBe(
      "github.ref == 'refs/heads/develop' && (github.event_name == 'push' || inputs.environment == 'staging')",
    );
  });
});

describe("healthCheck", () => {
  it("checks the environment URL for this run's commit", () => {
    expect(healthCheck(staging)).toMatchObject({
      run: "npm run health:check",
      env: {
        HEALTH_URL: staging.url,
        HEALTH_EXPECT_VERSION: "${{ github.sha }}",
      },
    });
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
      "deploy-staging",
      "deploy-production",
    ]);
    expect(
      (deploy.workflow.jobs["quality"] as GW.ReusableWorkflowCallJob).uses,
    ).toBe("./.github/workflows/quality.yml");
  });

  it("rollback.yml: inputs reach the script through env, under the environment's approval", () => {
    const job = rollbackJob(production).job as GW.NormalJob;
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
    expect(rollbackWorkflow.jobs.map((j) => j.id)).toEqual([
      "rollback-staging",
      "rollback-production",
    ]);
  });
});
