/**
 * A workflow as plain typed data plus the facts the generator needs: the file to write and the
 * source file named in the generated header.
 */
import type { GeneratedWorkflowTypes as GW } from "@github-actions-workflow-ts/lib";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  and,
  calledJobOutput,
  eq,
  github,
  or,
  render,
  text,
  type Expr,
} from "./expr";
import type { BuiltJob, CallableWorkflow, Permissions } from "./steps";
import { checkId, checkWorkflowFile } from "./validate";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface WorkflowDefinition<
  TCallOutputs extends string = string,
> extends CallableWorkflow<TCallOutputs> {
  /** File name under .github/workflows/, e.g. "quality.yml". */
  readonly file: string;
  /** Repository-relative path of the TypeScript that defines it. */
  readonly source: string;
  readonly workflow: GW.Workflow;
  /** Jobs in declaration order, with their `needs` (drives the Mermaid diagram). */
  readonly jobs: readonly BuiltJob[];
}

/** An output of a reusable workflow: a job output of this workflow, described for callers. */
export interface CallOutput {
  readonly description: string;
  /** A BuiltJob's `outputs.<name>`; rendered as `jobs.<job>.outputs.<name>`. */
  readonly value: Expr;
}

/**
 * Which file the generated header names: `import.meta.url` of the workflow file (no retyped path),
 * or, for an adopter's workflows built from its config, that file's repository-relative path.
 */
export type WorkflowSource =
  | { readonly sourceUrl: string; readonly sourcePath?: never }
  | { readonly sourcePath: string; readonly sourceUrl?: never };

export type WorkflowOptions<TCallOutputs extends string> = WorkflowSource &
  WorkflowFields<TCallOutputs>;

interface WorkflowFields<TCallOutputs extends string> {
  /** A plain name under .github/workflows/, ending in .yml (checked). */
  file: string;
  /** @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#name */
  name: string;
  /** @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#on */
  on: GW.Workflow["on"];
  /**
   * Defaults to `{}`: jobs get their own minimal permissions, the workflow grants nothing.
   * @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#permissions
   */
  permissions?: Permissions;
  /** @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#concurrency */
  concurrency?: GW.Concurrency;
  /** @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#env */
  env?: Record<string, string>;
  /** @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobs */
  jobs: readonly BuiltJob[];
  /**
   * `on.workflow_call.outputs`, derived from job outputs; callWorkflow() reads the names from here.
   * @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#onworkflow_calloutputs
   */
  callOutputs?: { readonly [K in TCallOutputs]: CallOutput };
}

/**
 * A newer push to a pull request cancels that pull request's older run; any other event gets a
 * group of its own run, so nothing on main or develop is cancelled or queued behind another commit.
 */
export function pullRequestConcurrency(prefix: string): GW.Concurrency {
  const pullRequest = eq(github.eventName, "pull_request");
  return {
    group: render(
      text`${prefix}-${or(and(pullRequest, github.ref), github.runId)}`,
    ),
    "cancel-in-progress": render(pullRequest),
  };
}

/** `import.meta.url` of a source file → its repository-relative path, as generated headers name it. */
export function sourcePath(sourceUrl: string): string {
  return path
    .relative(REPO_ROOT, fileURLToPath(sourceUrl))
    .split(path.sep)
    .join("/");
}

export function defineWorkflow<TCallOutputs extends string = never>(
  options: WorkflowOptions<TCallOutputs>,
): WorkflowDefinition<TCallOutputs> {
  const source =
    options.sourceUrl === undefined
      ? options.sourcePath
      : sourcePath(options.sourceUrl);
  checkWorkflowFile(source, options.file);
  const jobs: GW.Workflow["jobs"] = {};
  for (const built of options.jobs) {
    if (built.id in jobs) {
      throw new Error(
        `${source}: jobs.${built.id}: defined twice — give each job its own id`,
      );
    }
    jobs[built.id] = built.job;
  }
  for (const built of options.jobs) {
    const needs = built.job.needs;
    for (const need of typeof needs === "string" ? [needs] : (needs ?? [])) {
      if (!(need in jobs)) {
        throw new Error(
          `${source}: jobs.${built.id}.needs: "${need}" is not a job of ${options.file} — add it to the workflow's jobs`,
        );
      }
    }
  }
  const callOutputs = Object.keys(options.callOutputs ?? {}) as TCallOutputs[];
  const workflow: GW.Workflow = {
    name: options.name,
    on: withCallOutputs(source, options),
    permissions: options.permissions ?? {},
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.env ? { env: options.env } : {}),
    jobs,
  };
  return {
    file: options.file,
    source,
    workflow,
    jobs: options.jobs,
    callOutputs,
  };
}

function withCallOutputs<TCallOutputs extends string>(
  source: string,
  options: WorkflowOptions<TCallOutputs>,
): GW.Workflow["on"] {
  const declared = options.callOutputs;
  if (declared === undefined) return options.on;
  const on = options.on as Record<string, unknown>;
  const call = on["workflow_call"];
  if (typeof call !== "object" || call === null)
    throw new Error(
      `${source}: callOutputs: ${options.file} has no on.workflow_call — add it, or drop callOutputs`,
    );
  const outputs: Record<string, { description: string; value: string }> = {};
  for (const name of Object.keys(declared) as TCallOutputs[]) {
    checkId(source, `callOutputs.${name}`, name, "onworkflow_calloutputs");
    const { description, value } = declared[name];
    const origin = value.origin;
    if (
      origin?.kind !== "job" ||
      !options.jobs.some((j) => j.id === origin.job)
    )
      throw new Error(
        `${source}: callOutputs.${name}: ${value.body} is not an output of a job of ${options.file} — pass one of its jobs' outputs`,
      );
    outputs[name] = { description, value: render(calledJobOutput(value)) };
  }
  return { ...on, workflow_call: { ...call, outputs } } as GW.Workflow["on"];
}
