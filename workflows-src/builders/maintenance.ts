/**
 * The weekly currency report: action pins behind their newest release (or whose tag moved), and
 * Node.js releases newer than what .nvmrc gives CI. Read-only: it reports in the job summary and
 * fails the run so someone looks; a person runs `npm run pins:update` and reviews the diff.
 */
import { defineJob, npmRun, prepare, type BuiltJob } from "./steps";

const ALWAYS_UNLESS_CANCELLED = "${{ !cancelled() }}";

export function currencyJob(): BuiltJob<never> {
  return defineJob("currency", {
    name: "Outdated action pins and Node.js releases",
    timeoutMinutes: 10,
    steps: [
      ...prepare(),
      npmRun("pins:update", { args: ["--check"] }),
      // A behind pin must not hide the Node report: both land in the summary.
      npmRun("node:releases", { if: ALWAYS_UNLESS_CANCELLED }),
    ],
  });
}
