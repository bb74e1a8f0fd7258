import { describe, expect, it } from "vitest";
import { quality } from "../workflows/quality";
import { previewCleanup } from "../workflows/preview-cleanup";

type Job = {
  needs?: string[];
  if?: string;
  environment?: { name: string; url: string };
  concurrency?: { group: string; "cancel-in-progress": boolean };
  steps: { uses?: string; run?: string; with?: Record<string, unknown> }[];
};
const jobs = quality.workflow.jobs as unknown as Record<string, Job>;

describe("the preview job of quality.yml", () => {
  const job = jobs["preview"] as Job;

  it("ships the build this run made and tested, for same-repository pull requests only", () => {
    expect(job.needs).toEqual(["build", "e2e", "sql"]);
    expect(job.if).toBe(
      "github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name == github.repository",
    );
    expect(jobs["preview-fork-notice"]?.if).toContain(
      "head.repo.full_name != github.repository",
    );
  });

  it("runs the base branch's scripts and installs only the base's deploy toolset", () => {
    const checkouts = job.steps.filter((s) =>
      s.uses?.startsWith("actions/checkout"),
    );
    expect(checkouts.map((s) => s.with?.["ref"])).toEqual([
      "${{ github.event.pull_request.base.sha }}",
    ]);
    expect(job.steps.flatMap((s) => (s.run ? [s.run] : []))).toEqual([
      "npm run deploy:toolset",
      "npm run deploy:preview",
    ]);
  });

  it("links the alias URL from the pull request and serialises pushes per pull request", () => {
    expect(job.environment).toEqual({
      name: "preview",
      url: "${{ steps.preview.outputs.url }}",
    });
    expect(job.concurrency).toEqual({
      group: "preview-pr-${{ github.event.pull_request.number }}",
      "cancel-in-progress": false,
    });
  });
});

describe("preview-cleanup.yml", () => {
  const cleanup = previewCleanup.workflow.jobs as unknown as Record<
    string,
    Job
  >;

  it("removes on close in the pull request's own group, sweeps weekly off pull requests", () => {
    expect(cleanup["remove"]?.concurrency?.group).toBe(
      "preview-pr-${{ github.event.pull_request.number }}",
    );
    expect(cleanup["sweep"]?.needs).toEqual(["open-pulls"]);
    expect(cleanup["sweep"]?.if).toBe("github.event_name != 'pull_request'");
    expect(previewCleanup.workflow.on).toMatchObject({
      pull_request: { types: ["closed"] },
    });
  });
});
