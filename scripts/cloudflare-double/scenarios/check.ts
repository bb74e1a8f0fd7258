/** Scenario assertions: one line saying what was expected and what the CLI or the double showed. */
import type { CliRun } from "./run-cli";

export class ScenarioFailure extends Error {}

export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new ScenarioFailure(message);
}

/** The run's verdict line for a failure message; the full output is in reports/deploy of the sandbox. */
export function verdict(run: CliRun): string {
  return `${run.command} exited ${run.code}: ${run.lastError || run.stdout.trim().split("\n").at(-1) || "(no output)"}`;
}

export function exitsWith(run: CliRun, code: number): void {
  check(run.code === code, `expected exit ${code} — ${verdict(run)}`);
}
