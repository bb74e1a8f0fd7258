/**
 * The part of GitHub's workflow syntax ci:local executes, as a strict zod schema: a key it does not
 * know (matrix, services, container, continue-on-error…) is refused with its path, so a workflow
 * never runs here with a feature silently ignored.
 * Syntax: https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const env = z.record(z.string(), scalar);

export const stepSchema = z
  .object({
    id: z.string().optional(),
    name: z.string().optional(),
    if: z.union([z.string(), z.boolean()]).optional(),
    uses: z.string().optional(),
    with: z.record(z.string(), scalar).optional(),
    run: z.string().optional(),
    env: env.optional(),
    shell: z.literal("bash").optional(),
    "working-directory": z.string().optional(),
    "timeout-minutes": z.number().optional(),
  })
  .strict()
  .refine((s) => (s.uses === undefined) !== (s.run === undefined), {
    message: "a step has exactly one of run: and uses:",
  });
export type Step = z.infer<typeof stepSchema>;

const needs = z.union([z.string(), z.array(z.string())]).optional();

const environment = z.union([
  z.string(),
  z.object({ name: z.string(), url: z.string().optional() }).strict(),
]);

export const normalJobSchema = z
  .object({
    name: z.string().optional(),
    needs,
    if: z.union([z.string(), z.boolean()]).optional(),
    "runs-on": z.string(),
    environment: environment.optional(),
    permissions: z.unknown().optional(),
    "timeout-minutes": z.number().optional(),
    concurrency: z.unknown().optional(),
    outputs: z.record(z.string(), z.string()).optional(),
    env: env.optional(),
    steps: z.array(stepSchema).min(1),
  })
  .strict();
export type NormalJob = z.infer<typeof normalJobSchema>;

/** A job that runs a reusable workflow of this repository (`uses: ./.github/workflows/x.yml`). */
export const callJobSchema = z
  .object({
    name: z.string().optional(),
    needs,
    if: z.union([z.string(), z.boolean()]).optional(),
    permissions: z.unknown().optional(),
    uses: z
      .string()
      .regex(
        /^\.\/\.github\/workflows\/[^/]+\.ya?ml$/,
        "only ./.github/workflows/<file>.yml of this repository",
      ),
    with: z.record(z.string(), scalar).optional(),
  })
  .strict();
export type CallJob = z.infer<typeof callJobSchema>;

const inputSchema = z
  .object({
    description: z.string().optional(),
    type: z
      .enum(["string", "boolean", "choice", "number", "environment"])
      .optional(),
    required: z.boolean().optional(),
    default: scalar.optional(),
    options: z.array(z.string()).optional(),
  })
  .strict();

export const workflowSchema = z
  .object({
    name: z.string().optional(),
    on: z.record(z.string(), z.unknown()),
    permissions: z.unknown().optional(),
    concurrency: z.unknown().optional(),
    env: env.optional(),
    jobs: z.record(z.string(), z.union([normalJobSchema, callJobSchema])),
  })
  .strict();
export type Workflow = z.infer<typeof workflowSchema>;

export function isCallJob(job: NormalJob | CallJob): job is CallJob {
  return "uses" in job && typeof job.uses === "string";
}

export function needsOf(job: NormalJob | CallJob): string[] {
  return typeof job.needs === "string" ? [job.needs] : (job.needs ?? []);
}

export type Inputs = Record<string, z.infer<typeof inputSchema>>;

/** workflow_dispatch / workflow_call inputs, for defaults and for --input validation. */
export function inputsOf(workflow: Workflow, event: string): Inputs {
  const trigger = workflow.on[event];
  const parsed = z
    .object({ inputs: z.record(z.string(), inputSchema).optional() })
    .passthrough()
    .safeParse(trigger ?? {});
  return parsed.success ? (parsed.data.inputs ?? {}) : {};
}

/** Parses and validates a workflow file; errors name the file and the YAML path. */
export function loadWorkflow(file: string): Workflow {
  const text = readFileSync(file, "utf8");
  const result = workflowSchema.safeParse(parse(text));
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join(".") || "(root)";
    throw new Error(
      `${path.basename(file)}: ${where}: ${issue?.message ?? "invalid"} — ci:local runs only the workflow syntax it emulates (scripts/ci-local/workflow-model.ts)`,
    );
  }
  for (const [id, job] of Object.entries(result.data.jobs)) {
    for (const need of needsOf(job)) {
      if (!(need in result.data.jobs)) {
        throw new Error(
          `${path.basename(file)}: jobs.${id}.needs: "${need}" is not a job of this workflow`,
        );
      }
    }
  }
  return result.data;
}
