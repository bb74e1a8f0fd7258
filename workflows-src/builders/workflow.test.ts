import { describe, expect, it } from "vitest";
import { defineJob, npmCi } from "./steps";
import { defineWorkflow } from "./workflow";

const job = (id: string, needs: ReturnType<typeof defineJob>[] = []) =>
  defineJob(id, { name: id, timeoutMinutes: 1, steps: [npmCi()], needs });

describe("defineWorkflow", () => {
  it("names its source file relative to the repository and grants nothing at the top", () => {
    const a = job("a");
    const w = defineWorkflow({
      sourceUrl: import.meta.url,
      file: "t.yml",
      name: "T",
      on: "push",
      jobs: [a],
    });
    expect(w.source).toBe("workflows-src/builders/workflow.test.ts");
    expect(w.workflow.permissions).toEqual({});
    expect(Object.keys(w.workflow.jobs)).toEqual(["a"]);
  });

  it("refuses a needs on a job that is not part of the workflow", () => {
    const a = job("a");
    expect(() =>
      defineWorkflow({
        sourceUrl: import.meta.url,
        file: "t.yml",
        name: "T",
        on: "push",
        jobs: [job("b", [a])],
      }),
    ).toThrow(
      'workflows-src/builders/workflow.test.ts: jobs.b.needs: "a" is not a job of t.yml',
    );
  });

  it("refuses two jobs with one id", () => {
    expect(() =>
      defineWorkflow({
        sourceUrl: import.meta.url,
        file: "t.yml",
        name: "T",
        on: "push",
        jobs: [job("a"), job("a")],
      }),
    ).toThrow("jobs.a: defined twice");
  });
});
