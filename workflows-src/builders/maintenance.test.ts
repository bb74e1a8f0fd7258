import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readFileSync } from "node:fs";
import { maintenance } from "../workflows/maintenance";
import { currencyJob } from "./maintenance";

const yaml = parse(
  readFileSync(
    new URL("../../.github/workflows/maintenance.yml", import.meta.url),
    "utf8",
  ),
) as {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<
    string,
    {
      permissions: Record<string, string>;
      "timeout-minutes": number;
      steps: { run?: string; if?: string; uses?: string }[];
    }
  >;
};

describe("maintenance workflow", () => {
  it("runs weekly and by hand, never on code from a pull request", () => {
    expect(Object.keys(yaml.on).sort()).toEqual([
      "schedule",
      "workflow_dispatch",
    ]);
    expect(maintenance.workflow.on).toEqual(yaml.on);
  });

  it("is read-only, has a budget, and only wires the two reports", () => {
    expect(yaml.permissions).toEqual({});
    const job = yaml.jobs["currency"];
    expect(job?.permissions).toEqual({ contents: "read" });
    expect(job?.["timeout-minutes"]).toBe(10);
    const runs = job?.steps.flatMap((s) => (s.run ? [s.run] : []));
    expect(runs).toEqual([
      "npm ci",
      "npm run pins:check",
      "npm run node:releases",
    ]);
    expect(job?.steps.at(-1)?.if).toBe("${{ !cancelled() }}");
  });
});

describe("an adopter's maintenance job (no action catalog of its own)", () => {
  it("checks the Node.js line only: its pins are the package's and move with it", () => {
    const { job } = currencyJob("pnpm", { pins: false });
    if (!("steps" in job)) throw new Error("not a job with steps");
    const runs = (job.steps ?? []).flatMap((s) => (s.run ? [s.run] : []));
    expect(runs).toEqual([
      "corepack enable",
      "pnpm install --frozen-lockfile",
      "pnpm run node:releases",
    ]);
    expect(job.name).toBe("Outdated Node.js releases");
  });
});
