/**
 * An adopting repository's workflows: its workflows-src/pipeline.config.ts and environments.ts,
 * loaded from disk, turned into the generated set by pipelineWorkflows. The config is checked
 * against the repository (scripts, config files, package manager) first: one line per problem.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import {
  checkAgainstRepository,
  parsePipelineConfig,
  PIPELINE_CONFIG_FILE,
  type PipelineConfig,
} from "../../workflows-src/builders/pipeline-config";
import { pipelineWorkflows } from "../../workflows-src/builders/pipeline-workflows";
import type { WorkflowDefinition } from "../../workflows-src/builders/workflow";
import type { Environments } from "../../workflows-src/builders/environment-model";
import { importFresh, loadEnvironments } from "./load-environments";
import { readRepository } from "./read-repository";

export { loadEnvironments };

export async function loadConfig(root: string): Promise<PipelineConfig> {
  const loaded = (await importFresh(root, PIPELINE_CONFIG_FILE)) as {
    default?: unknown;
  };
  return parsePipelineConfig(loaded.default);
}

/** The config's problems against the checkout at `root` (empty: consistent). */
export function repositoryProblems(
  root: string,
  config: PipelineConfig,
): string[] {
  const facts = readRepository(root);
  return checkAgainstRepository(config, {
    scripts: facts.packageJson.scripts ?? {},
    packageManagerField: facts.packageJson.packageManager,
    exists: facts.exists,
  });
}

export function adopterWorkflows(
  config: PipelineConfig,
  environments: Environments,
): WorkflowDefinition[] {
  return pipelineWorkflows(config, environments, {
    sourcePath: PIPELINE_CONFIG_FILE,
  });
}

/** Everything gen and check need for an adopter at `root`; throws one line per problem. */
export async function loadAdopter(root: string): Promise<{
  readonly config: PipelineConfig;
  readonly workflows: WorkflowDefinition[];
}> {
  const config = await loadConfig(root);
  const problems = repositoryProblems(root, config);
  if (problems.length > 0) throw new Error(problems.join("\n"));
  return {
    config,
    workflows: adopterWorkflows(config, await loadEnvironments(root)),
  };
}

/**
 * The workflows the config at `root` keeps hand-written (none without a pipeline.config.ts): gen
 * and check skip their drift and, unless `audit: true`, their audit.
 */
export async function loadKeptWorkflows(
  root: string,
): Promise<PipelineConfig["keepWorkflows"]> {
  if (!existsSync(path.join(root, PIPELINE_CONFIG_FILE))) return [];
  return (await loadConfig(root)).keepWorkflows;
}
