import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defineJob, npmRun } from "../../../workflows-src/builders/steps";
import { defineWorkflow } from "../../../workflows-src/builders/workflow";
import { quality } from "../../../workflows-src/workflows/quality";
import { REPO_ROOT } from "../../deploy/wrangler";
import {
  NOT_REQUIRED,
  repositoryRequiredChecks,
  requiredCheckNames,
} from "./required-checks";

const required = quality.jobs.filter((j) => !NOT_REQUIRED.has(j.id));

describe("required checks", () => {
  it("are quality.yml's job names, in job order, but the preview's", () => {
    expect(requiredCheckNames(quality)).toEqual(
      required.map((j) => j.job.name),
    );
    expect(requiredCheckNames(quality)).toContain("Workflow drift check");
    expect(requiredCheckNames(quality)).not.toContain(
      "Preview this pull request",
    );
    expect(required.length).toBe(quality.jobs.length - NOT_REQUIRED.size);
  });

  it("are read from the repository's own quality.yml source, as gen loads it", async () => {
    expect(await repositoryRequiredChecks(REPO_ROOT)).toEqual(
      requiredCheckNames(quality),
    );
  });

  it("follow a renamed job", () => {
    const workflow = defineWorkflow({
      sourceUrl: import.meta.url,
      file: "x.yml",
      name: "X",
      on: { pull_request: {} },
      jobs: [
        defineJob("lint", {
          name: "Lint everything",
          timeoutMinutes: 5,
          steps: [npmRun("lint")],
        }),
      ],
    });
    expect(requiredCheckNames(workflow)).toEqual(["Lint everything"]);
  });

  it("match the RUNBOOK's table from job ids to check names", () => {
    const runbook = readFileSync(
      join(REPO_ROOT, "docs/deployment/RUNBOOK.md"),
      "utf8",
    );
    const rows = [
      ...runbook.matchAll(/^\| `([a-z0-9-]+)` +\| ([^|]+?) +\|$/gm),
    ].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(required.map((j) => [j.id, j.job.name]));
  });
});
