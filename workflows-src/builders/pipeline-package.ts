/**
 * The pipeline as adopters install it: the package name their workflows-src/ imports and the bin
 * their package.json scripts call (`typed-cicd deploy:migrate`). One place, so the move into
 * packages/ renames it once. Plain data: the workflow policy reads it too.
 */
export const PIPELINE_PACKAGE = "@typed-cicd/pipeline";
export const PIPELINE_BIN = "typed-cicd";
