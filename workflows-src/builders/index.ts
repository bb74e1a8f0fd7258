/**
 * The pipeline's public API, as an adopter imports it (`@typed-cicd/pipeline`, pipeline-package.ts):
 * the config and environments definitions its workflows-src/ files call, the generated set, and
 * each workflow of it with its extension points, for a repository that composes its own. This
 * repository's definitions import this and nothing else of the builders but repository-only.ts
 * (`npm run arch` enforces it; tsconfig.json maps the name to this file, the package to dist/).
 */
export {
  definePipelineConfig,
  parsePipelineConfig,
  type PipelineConfig,
  type PipelineConfigInput,
} from "./pipeline-config";
export {
  deployWorkflow,
  maintenanceWorkflow,
  mutationWorkflow,
  pipelineWorkflows,
  qualityWorkflow,
  rollbackWorkflow,
  type QualityOptions,
} from "./pipeline-workflows";
export { defineWorkflow, type WorkflowDefinition } from "./workflow";
export type { ConfigFileDefinition } from "./config-file";
export { PACKAGE_MANAGERS, type PackageManager } from "./package-manager";
export {
  D1_BINDING,
  parseEnvironments,
  parsePreviewEnvironment,
  workersDevUrl,
  type Environment,
  type EnvironmentName,
  type Environments,
  type PreviewEnvironment,
} from "./environment-model";
