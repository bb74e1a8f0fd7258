/**
 * The builders this repository's own workflows use beyond the public API (index.ts): jobs that
 * run scripts the package does not ship yet — the N−1 check (check:compat), pull-request previews
 * (deploy:preview*, preview:*), the cloud rehearsal of the deploy CLIs (rehearse:cloud) — and the
 * Dependabot config file. Not part of `@typed-cicd/pipeline`: an adopter's generated workflows
 * would call scripts it does not have. `npm run arch` lets this repository's definitions import
 * this module and index.ts only.
 */
export { compatJob } from "./compat";
export {
  openPullsJob,
  previewCleanupJob,
  previewJobs,
  sweepJob,
} from "./preview";
export { cloudRehearsalJobs } from "./quality";
export { defineConfigFile } from "./config-file";
export { validateDependabot } from "./dependabot";
