/**
 * Fixed key order for the three levels a reader scans (workflow, job, step), so the YAML reads the
 * same way everywhere and does not depend on how a builder happened to spread its objects. Keys not
 * listed keep their (deterministic) source order after the listed ones.
 */
import type { YamlValue } from "./emit-yaml";

type YamlMap = { readonly [key: string]: YamlValue | undefined };

const WORKFLOW_KEYS = [
  "name",
  "run-name",
  "on",
  "permissions",
  "concurrency",
  "env",
  "defaults",
  "jobs",
];

const JOB_KEYS = [
  "name",
  "needs",
  "if",
  "runs-on",
  "environment",
  "permissions",
  "timeout-minutes",
  "concurrency",
  "outputs",
  "env",
  "defaults",
  "strategy",
  "continue-on-error",
  "uses",
  "with",
  "secrets",
  "steps",
];

const STEP_KEYS = [
  "id",
  "name",
  "if",
  "uses",
  "with",
  "env",
  "working-directory",
  "shell",
  "timeout-minutes",
  "continue-on-error",
  "run",
];

function isMap(value: YamlValue | undefined): value is YamlMap {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function ordered(
  map: YamlMap,
  keys: readonly string[],
): Record<string, YamlValue> {
  const out: Record<string, YamlValue> = {};
  for (const key of [...keys, ...Object.keys(map)]) {
    const value = map[key];
    if (value !== undefined && !(key in out)) out[key] = value;
  }
  return out;
}

function orderJob(job: YamlValue | undefined): YamlValue | undefined {
  if (!isMap(job)) return job;
  const result = ordered(job, JOB_KEYS);
  const steps = result["steps"];
  if (Array.isArray(steps)) {
    result["steps"] = steps.map((step: YamlValue) =>
      isMap(step) ? ordered(step, STEP_KEYS) : step,
    );
  }
  return result;
}

export function orderWorkflow(workflow: YamlMap): Record<string, YamlValue> {
  const result = ordered(workflow, WORKFLOW_KEYS);
  const jobs = result["jobs"];
  if (isMap(jobs)) {
    const orderedJobs: Record<string, YamlValue> = {};
    for (const [id, job] of Object.entries(jobs)) {
      const value = orderJob(job);
      if (value !== undefined) orderedJobs[id] = value;
    }
    result["jobs"] = orderedJobs;
  }
  return result;
}
