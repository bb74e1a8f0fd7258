import { describe, expect, it } from "vitest";
import {
  callWorkflow,
  defineJob,
  npmCi,
} from "../../workflows-src/builders/steps";
import { defineWorkflow } from "../../workflows-src/builders/workflow";
import { quality } from "../../workflows-src/workflows/quality";
import { diagramMarkdown, mermaidFlowchart } from "./mermaid";

describe("mermaidFlowchart", () => {
  it("draws one edge per needs entry of the quality workflow", () => {
    const chart = mermaidFlowchart(quality);
    const edges = chart.split("\n").filter((l) => l.includes("-->"));
    const expected = Object.entries(quality.workflow.jobs).flatMap(
      ([id, job]) =>
        [job.needs ?? []].flat().map((need) => `  ${need} --> ${id}`),
    );
    expect(edges).toEqual(expected);
    expect(chart).toContain('drift["Workflow drift check"]');
  });

  it("shows calls as subroutines, environments in labels, and escapes reserved ids and quotes", () => {
    const plain = defineJob("end", {
      name: 'Say "hi"',
      timeoutMinutes: 1,
      steps: [npmCi()],
    });
    // An environment job's shape, without defineEnvironmentJob's environments.ts lookup.
    const end = {
      ...plain,
      job: { ...plain.job, environment: { name: "production" } },
    };
    const call = callWorkflow("q-call", {
      name: "Quality",
      workflow: { file: "quality.yml", callOutputs: [] },
      needs: [end],
    });
    const w = defineWorkflow({
      sourceUrl: import.meta.url,
      file: "t.yml",
      name: "T",
      on: "push",
      jobs: [end, call],
    });
    expect(mermaidFlowchart(w).split("\n")).toEqual([
      "flowchart LR",
      '  end_["Say #quot;hi#quot; (environment: production)"]',
      '  q_call[["Quality (calls quality.yml)"]]',
      "  end_ --> q_call",
    ]);
    expect(diagramMarkdown(w)).toContain("Triggers: `push`.");
  });
});
