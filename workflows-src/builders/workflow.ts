/**
 * A workflow as plain typed data plus the facts the generator needs: the file to write and the
 * source file named in the generated header.
 */
import type { GeneratedWorkflowTypes as GW } from "@github-actions-workflow-ts/lib";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BuiltJob, Permissions } from "./steps";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface WorkflowDefinition {
  /** File name under .github/workflows/, e.g. "quality.yml". */
  readonly file: string;
  /** Repository-relative path of the TypeScript that defines it. */
  readonly source: string;
  readonly workflow: GW.Workflow;
  /** Jobs in declaration order, with their `needs` (drives the Mermaid diagram). */
  readonly jobs: readonly BuiltJob[];
}

export interface WorkflowOptions {
  /** Pass `import.meta.url` of the workflow file: the header then names it without a retyped path. */
  sourceUrl: string;
  file: string;
  name: string;
  on: GW.Workflow["on"];
  /** Defaults to `{}`: jobs get their own minimal permissions, the workflow grants nothing. */
  permissions?: Permissions;
  concurrency?: GW.Concurrency;
  env?: Record<string, string>;
  jobs: readonly BuiltJob[];
}

/** `import.meta.url` of a source file → its repository-relative path, as generated headers name it. */
export function sourcePath(sourceUrl: string): string {
  return path
    .relative(REPO_ROOT, fileURLToPath(sourceUrl))
    .split(path.sep)
    .join("/");
}

export function defineWorkflow(options: WorkflowOptions): WorkflowDefinition {
  const source = sourcePath(options.sourceUrl);
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
  const workflow: GW.Workflow = {
    name: options.name,
    on: options.on,
    permissions: options.permissions ?? {},
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.env ? { env: options.env } : {}),
    jobs,
  };
  return { file: options.file, source, workflow, jobs: options.jobs };
}
