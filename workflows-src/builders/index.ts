/**
 * The pipeline's public API, as an adopter imports it (`@typed-cicd/pipeline`, pipeline-package.ts):
 * the config and environments definitions its workflows-src/ files call, and the generated set.
 * When the pipeline moves into packages/, this file becomes the package's entry point.
 */
export {
  definePipelineConfig,
  parsePipelineConfig,
  type PipelineConfig,
  type PipelineConfigInput,
} from "./pipeline-config";
export { pipelineWorkflows } from "./pipeline-workflows";
export { PACKAGE_MANAGERS, type PackageManager } from "./package-manager";
export {
  parseEnvironments,
  workersDevUrl,
  type Environment,
  type Environments,
} from "./environment-model";
