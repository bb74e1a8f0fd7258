import { describe, expect, it } from "vitest";
import { migrateContract } from "../contracts";
import { jobOutput } from "./expr";
import { cache, defineJob, npmCi, npmRun } from "./steps";
import { definitionSite } from "./validate";
import { defineWorkflow } from "./workflow";

const HERE = "workflows-src/builders/validate.test.ts";
const DOCS =
  "https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax";

const migrate = (id: string) =>
  npmRun(migrateContract, { id, env: { DEPLOY_ENV: "staging" } });

describe("validation in the model", () => {
  it("names the line that defined the job, past the model's own files", () => {
    const [site, stack] = [definitionSite(), new Error().stack ?? ""];
    const line = /validate\.test\.ts:(\d+)/.exec(stack.split("\n")[1] ?? "");
    expect(site).toBe(`${HERE}:${line?.[1]}`);
  });

  it("refuses a job id GitHub would refuse, naming the source and the rule", () => {
    expect(() =>
      defineJob("2fast", { name: "x", timeoutMinutes: 1, steps: [npmCi()] }),
    ).toThrow(
      new RegExp(
        `^${HERE}:\\d+: jobs\\.2fast: "2fast" is not a valid id — start with a letter or _, then only letters, digits, - and _ \\(${DOCS.replaceAll(".", "\\.")}#jobsjob_id\\)$`,
      ),
    );
  });

  it("refuses two steps with one id, and a step id with a dot", () => {
    expect(() =>
      defineJob("j", {
        name: "x",
        timeoutMinutes: 1,
        steps: [migrate("m"), npmCi(), migrate("m")],
      }),
    ).toThrow(
      `jobs.j.steps[2].id: "m" is used by an earlier step — step ids must be unique within a job (${DOCS}#jobsjob_idstepsid)`,
    );
    expect(() =>
      defineJob("j", {
        name: "x",
        timeoutMinutes: 1,
        steps: [cache({ id: "a.b", name: "c", path: "p", key: "k" })],
      }),
    ).toThrow('jobs.j.steps[0].id: "a.b" is not a valid id');
  });

  it("refuses an output id GitHub would refuse, and a step output of another job", () => {
    const step = migrate("migrate");
    expect(() =>
      defineJob("j", {
        name: "x",
        timeoutMinutes: 1,
        steps: [step],
        outputs: { "has space": step.outputs.bookmark },
      }),
    ).toThrow('jobs.j.outputs.has space: "has space" is not a valid id');
    expect(() =>
      defineJob("j", {
        name: "x",
        timeoutMinutes: 1,
        steps: [npmCi()],
        outputs: { bookmark: step.outputs.bookmark },
      }),
    ).toThrow(`${HERE}:`);
    expect(() =>
      defineJob("j", {
        name: "x",
        timeoutMinutes: 1,
        steps: [npmCi()],
        outputs: { bookmark: step.outputs.bookmark },
      }),
    ).toThrow(
      'jobs.j.outputs.bookmark: step "migrate" is not a step of this job',
    );
  });

  it("refuses a workflow file name that is not a plain .yml name", () => {
    const job = defineJob("j", {
      name: "x",
      timeoutMinutes: 1,
      steps: [npmCi()],
    });
    for (const file of ["deploy", "sub/deploy.yml", ".yml"])
      expect(() =>
        defineWorkflow({
          sourceUrl: import.meta.url,
          file,
          name: "T",
          on: "push",
          jobs: [job],
        }),
      ).toThrow(`${HERE}: file: "${file}" is not a workflow file name`);
  });

  it("derives workflow_call outputs only from this workflow's jobs", () => {
    const job = defineJob("j", {
      name: "x",
      timeoutMinutes: 1,
      steps: [npmCi()],
      outputs: { v: "1" },
    });
    const on = { workflow_call: {} };
    const w = defineWorkflow({
      sourceUrl: import.meta.url,
      file: "t.yml",
      name: "T",
      on,
      jobs: [job],
      callOutputs: { v: { description: "d", value: job.outputs.v } },
    });
    expect(w.callOutputs).toEqual(["v"]);
    expect(w.workflow.on).toEqual({
      workflow_call: {
        outputs: { v: { description: "d", value: "${{ jobs.j.outputs.v }}" } },
      },
    });
    expect(() =>
      defineWorkflow({
        sourceUrl: import.meta.url,
        file: "t.yml",
        name: "T",
        on,
        jobs: [job],
        callOutputs: {
          v: { description: "d", value: jobOutput("other", "v") },
        },
      }),
    ).toThrow(
      `${HERE}: callOutputs.v: needs.other.outputs.v is not an output of a job of t.yml`,
    );
    expect(() =>
      defineWorkflow({
        sourceUrl: import.meta.url,
        file: "t.yml",
        name: "T",
        on: "push",
        jobs: [job],
        callOutputs: { v: { description: "d", value: job.outputs.v } },
      }),
    ).toThrow(`${HERE}: callOutputs: t.yml has no on.workflow_call`);
  });
});
