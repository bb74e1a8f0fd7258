/**
 * npm run preview:fork-notice — why a fork's pull request gets no preview, as a notice on the run
 * and a step summary. Plain Node (type stripping, no imports beyond node:): the job that runs it
 * installs nothing and holds no secret.
 */
import { appendFileSync } from "node:fs";

const message =
  "No preview for pull requests from forks: a preview needs the preview environment's Cloudflare token, which GitHub does not give to runs of a fork's code, and the pipeline never runs a fork's code next to it. A maintainer can push the branch to this repository to get a preview (docs/deployment/decisions.md, Pull-request previews).";

console.log(`::notice title=No preview for forks::${message}`);
const summary = process.env["GITHUB_STEP_SUMMARY"];
if (summary)
  appendFileSync(summary, `### No preview for forks\n\n${message}\n`);
