/**
 * The weekly currency report: action pins behind their newest release (or whose tag moved), and
 * Node.js releases newer than what .nvmrc gives CI. Read-only: it reports in the job summary and
 * fails the run so someone looks; a person runs `npm run pins:update` and reviews the diff. `pins:check` is
 * `pins:update --check` as its own script: the policy allows `npm run <script>` with no arguments.
 */
import { cancelled, not } from "./expr";
import type { PackageManager } from "./package-manager";
import { defineJob, prepare, runScript, type BuiltJob } from "./steps";

const ALWAYS_UNLESS_CANCELLED = not(cancelled());

/** `pins`: the repository keeps the action catalog (pipeline-config.ts maintainsActionCatalog). */
export function currencyJob(
  manager: PackageManager,
  { pins }: { readonly pins: boolean },
): BuiltJob<never> {
  return defineJob("currency", {
    name: pins
      ? "Outdated action pins and Node.js releases"
      : "Outdated Node.js releases",
    timeoutMinutes: 10,
    steps: [
      ...prepare(manager),
      ...(pins
        ? [
            runScript(manager, "pins:check"),
            // A behind pin must not hide the Node report: both land in the summary.
            runScript(manager, "node:releases", {
              if: ALWAYS_UNLESS_CANCELLED,
            }),
          ]
        : [runScript(manager, "node:releases")]),
    ],
  });
}
