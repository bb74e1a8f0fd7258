/**
 * Runs one `run:` step the way the runner does: the script written to a file and run with
 * `bash -e {0}` (or `bash --noprofile --norc -eo pipefail {0}` for `shell: bash`), in the workspace,
 * with the given environment; output goes to the step's log file. A step over its time budget is
 * killed with its whole process group.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstepsshell
 */
import { signalGroup } from "../cli/process-group";
import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync, writeFileSync } from "node:fs";

export interface ScriptRun {
  readonly script: string;
  readonly scriptFile: string;
  readonly explicitBash: boolean;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly logFile: string;
  /** Kill after this many ms (the step's or the job's remaining timeout). */
  readonly timeoutMs: number;
}

export interface ScriptResult {
  readonly exitCode: number;
  readonly timedOut: boolean;
  /** User + system CPU seconds of the step and everything it waited for: steadier than wall time on a shared machine. */
  readonly cpuSeconds: number;
}

/** The children line of bash's `times` ("0m1.250s 0m0.310s") as seconds. */
export function parseTimes(text: string): number {
  const line = text.trim().split("\n")[1] ?? "";
  let total = 0;
  for (const match of line.matchAll(/(\d+)m([\d.]+)s/g))
    total += Number(match[1]) * 60 + Number(match[2]);
  // bash prints milliseconds; keep them (reports round when they print).
  return Math.round(total * 1000) / 1000;
}

/** Process groups of the steps running now, so an interrupted ci:local can stop them. */
const running = new Set<number>();

/** Kills every running step's process group (SIGINT/SIGTERM of ci:local). */
export function killRunningSteps(): void {
  for (const pid of running) signalGroup(pid, "SIGKILL");
}

export function runScript(run: ScriptRun): Promise<ScriptResult> {
  writeFileSync(run.scriptFile, run.script);
  const flags = run.explicitBash ? "--noprofile --norc -eo pipefail" : "-e";
  const timesFile = `${run.scriptFile}.times`;
  // The step runs exactly as `bash -e <file>` (GitHub's default shell); the outer shell only
  // records the CPU time of it and its children with `times`.
  const args = [
    "--noprofile",
    "--norc",
    "-c",
    `bash ${flags} "$1"; rc=$?; times > "$2"; exit $rc`,
    "ci-local-step",
    run.scriptFile,
    timesFile,
  ];
  const log = openSync(run.logFile, "a");
  return new Promise((resolve, reject) => {
    // detached: the step gets its own process group, so a timeout kills its children too.
    const child = spawn("bash", args, {
      cwd: run.cwd,
      env: { ...run.env } as NodeJS.ProcessEnv,
      stdio: ["ignore", log, log],
      detached: true,
    });
    if (child.pid) running.add(child.pid);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      signalGroup(child.pid, "SIGKILL");
    }, run.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      closeSync(log);
      reject(error);
    });
    child.on("close", (code, signal) => {
      if (child.pid) running.delete(child.pid);
      clearTimeout(timer);
      closeSync(log);
      let cpuSeconds = 0;
      try {
        cpuSeconds = parseTimes(readFileSync(timesFile, "utf8"));
      } catch {
        // killed before `times` ran
      }
      resolve({ exitCode: code ?? (signal ? 128 : 1), timedOut, cpuSeconds });
    });
  });
}
