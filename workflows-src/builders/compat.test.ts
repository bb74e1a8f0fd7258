import { describe, expect, it } from "vitest";
import { quality } from "../workflows/quality";

type Job = {
  needs?: string | string[];
  permissions?: Record<string, string>;
  steps: {
    run?: string;
    with?: Record<string, unknown>;
    env?: Record<string, string>;
  }[];
};
const jobs = quality.workflow.jobs as Record<string, Job>;

/** Jobs `id` waits for, transitively. */
function upstream(id: string): string[] {
  const needs = jobs[id]?.needs ?? [];
  return [needs].flat().flatMap((n) => [n, ...upstream(n)]);
}

describe("the N−1 compatibility job", () => {
  const job = jobs["compat"] as Job;

  it("runs the check for the base branch (pull request) or the pushed branch (deploy's quality call)", () => {
    const step = job.steps.find((s) => s.run === "npm run check:compat");
    expect(step?.env).toEqual({
      COMPAT_BRANCH: "${{ github.base_ref || github.ref_name }}",
      GITHUB_TOKEN: "${{ secrets.GITHUB_TOKEN }}",
    });
  });

  it("reads Actions (the serving run and its artifact) and nothing more", () => {
    expect(job.permissions).toEqual({ contents: "read", actions: "read" });
  });

  it("has the full history: the serving commit's suite comes from git without credentials", () => {
    expect(job.steps[0]?.with).toMatchObject({
      "fetch-depth": 0,
      "persist-credentials": false,
    });
  });

  it("waits for nothing, and nothing waits for it but the workflow's result: it runs beside build → e2e", () => {
    expect(upstream("compat")).toEqual([]);
    for (const id of Object.keys(jobs))
      expect(upstream(id), `${id} needs compat`).not.toContain("compat");
  });
});

describe("calling quality.yml", () => {
  it("grants the union of the called jobs' permissions, so GitHub starts the nested compat job", async () => {
    const { deploy } = await import("../workflows/deploy");
    const call = (deploy.workflow.jobs as Record<string, Job>)["quality"];
    expect(call?.permissions).toEqual({ contents: "read", actions: "read" });
  });

  it("never grants more than some called job asks for", async () => {
    const { calledPermissions } = await import("./called-permissions");
    expect(
      calledPermissions({
        on: {},
        jobs: {
          a: {
            "runs-on": "x",
            steps: [{ run: "x" }],
            permissions: { contents: "read" },
          },
          b: {
            "runs-on": "x",
            steps: [{ run: "x" }],
            permissions: { contents: "write", actions: "read" },
          },
          c: {
            "runs-on": "x",
            steps: [{ run: "x" }],
            permissions: { actions: "none" },
          },
        },
      }),
    ).toEqual({ contents: "write", actions: "read" });
  });
});
