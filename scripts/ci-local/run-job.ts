/**
 * Runs one job as a runner would: a fresh workspace, HOME and RUNNER_TEMP; steps in order with
 * their `if:`; `run:` steps executed as written (bash -e) with workflow < job < GITHUB_ENV < step
 * env; catalogued actions through local shims; GITHUB_OUTPUT/ENV/PATH/STEP_SUMMARY read after each
 * step; the job's outputs evaluated at the end; post steps (cache save) last.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { readKeyValueFile, readPathFile } from "./command-files";
import {
  evaluateCondition,
  ExpressionError,
  interpolate,
  type EvalContext,
  type ValueMap,
} from "./expression";
import { hashFiles } from "./hash-files";
import { runScript } from "./run-step";
import { shimFor } from "./shims/index";
import type { JobDirs, RunStores } from "./shims/shim";
import { standInFor } from "./stand-ins";
import type { NormalJob, Step } from "./workflow-model";
import { annotation } from "../deploy/github-io";

export type Result = "success" | "failure" | "skipped";

export interface StepReport {
  readonly name: string;
  readonly result: Result;
  readonly seconds: number;
  readonly note?: string;
  /** `uses:` of an action step (without the SHA), for bench:pipeline's GitHub estimate. */
  readonly action?: string;
  /** Bytes a cache or artifact step moved. */
  readonly bytes?: number;
  /** CPU seconds of a `run:` step (see run-step.ts). */
  readonly cpuSeconds?: number;
  /** Its log file (run: steps): npm test reads a suite's "N passed, N failed" from its last line. */
  readonly log?: string;
}

export interface JobReport {
  readonly id: string;
  readonly name: string;
  readonly result: Result;
  /** Wall time from the job's start to its end (0 when skipped). */
  readonly seconds: number;
  /** Seconds after the run started (for the timeline). */
  readonly startedAt: number;
  readonly steps: readonly StepReport[];
  readonly outputs: Readonly<Record<string, string>>;
  /** Why it was skipped or what failed, in one line. */
  readonly reason?: string;
  readonly logDir?: string;
  /** The jobs this one waited for (keys in this run). */
  readonly needs?: readonly string[];
  /** CPU seconds of its run: steps. */
  readonly cpuSeconds?: number;
}

export interface RunSettings {
  readonly stores: RunStores;
  /** This run's directory: jobs/<id>/ (workspace, home, temp), logs/<id>/. */
  readonly runDir: string;
  /** github, inputs, secrets, vars, runner (without per-job values). */
  readonly contexts: ValueMap;
  /** The runner's own environment: PATH, LANG, CI, GITHUB_* of the run. */
  readonly baseEnv: Readonly<Record<string, string>>;
  /**
   * Added for jobs bound to an environment only (--with-environments: the Cloudflare API double,
   * its proxy and CA): on GitHub no other job sees what an environment provides.
   */
  readonly environmentEnv?: Readonly<Record<string, string>>;
  readonly workflowEnv: Readonly<Record<string, string | number | boolean>>;
  /** Keep each job's workspace after it ends (default: removed, logs kept). */
  readonly keep: boolean;
  readonly startedAt: number;
  readonly print: (line: string) => void;
}

// Unrounded: a report rounds when it prints. Rounding here made every job under 50 ms a 0 s job.
const seconds = (from: number): number => (performance.now() - from) / 1000;

function stepName(step: Step, index: number): string {
  return (
    step.name ??
    (step.run ? step.run.split("\n")[0] : `Run ${step.uses}`) ??
    `step ${index + 1}`
  );
}

function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 60);
}

function textMap(
  values: Readonly<Record<string, string | number | boolean>> | undefined,
  ctx: EvalContext,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values ?? {}))
    out[key] =
      typeof value === "string" ? interpolate(value, ctx) : String(value);
  return out;
}

/** Teardowns still running: dependents need not wait for them, the run does (see runWorkflow). */
export const pendingCleanups = new Set<Promise<void>>();

export async function runJob(
  id: string,
  job: NormalJob,
  needs: ValueMap,
  settings: RunSettings,
): Promise<JobReport> {
  const started = performance.now();
  const startedAt = (started - settings.startedAt) / 1000;
  const name = job.name ?? id;
  const jobRoot = path.join(settings.runDir, "jobs", fileSafe(id));
  const logDir = path.join(settings.runDir, "logs", fileSafe(id));
  const dirs: JobDirs = {
    workspace: path.join(jobRoot, "work"),
    home: path.join(jobRoot, "home"),
    temp: path.join(jobRoot, "temp"),
  };
  for (const dir of [dirs.workspace, dirs.home, dirs.temp, logDir])
    mkdirSync(dir, { recursive: true });
  const summaryFile = path.join(dirs.temp, "step-summary.md");

  const extraEnv: Record<string, string> = {};
  const extraPath: string[] = [];
  const stepsContext: Record<string, ValueMap> = {};
  const posts: ((ok: boolean) => Promise<void>)[] = [];
  const reports: StepReport[] = [];
  let failed = false;
  let failure: string | undefined;
  const deadline = started + (job["timeout-minutes"] ?? 360) * 60_000;

  const evalContext = (env: Record<string, string>): EvalContext => ({
    contexts: {
      ...settings.contexts,
      github: {
        ...(settings.contexts["github"] as ValueMap),
        job: id,
        workspace: dirs.workspace,
      },
      runner: { ...(settings.contexts["runner"] as ValueMap), temp: dirs.temp },
      env,
      steps: stepsContext,
      needs,
      job: { status: failed ? "failure" : "success" },
    },
    status: { failed, cancelled: false },
    hashFiles: (patterns) => hashFiles(dirs.workspace, patterns),
  });

  let jobEnv: Record<string, string> = {};
  try {
    jobEnv = textMap({ ...settings.workflowEnv, ...job.env }, evalContext({}));
  } catch (error) {
    failed = true;
    failure = `env: ${(error as Error).message}`;
  }

  for (const [index, step] of job.steps.entries()) {
    const label = stepName(step, index);
    const stepStart = performance.now();
    const envBefore = { ...jobEnv, ...extraEnv };
    let runIt: boolean;
    try {
      runIt = evaluateCondition(step.if, evalContext(envBefore));
    } catch (error) {
      failed = true;
      failure ??= `step "${label}": if: ${(error as Error).message}`;
      reports.push({
        name: label,
        result: "failure",
        seconds: 0,
        note: (error as Error).message,
      });
      continue;
    }
    if (!runIt) {
      reports.push({ name: label, result: "skipped", seconds: 0 });
      if (step.id)
        stepsContext[step.id] = {
          outputs: {},
          outcome: "skipped",
          conclusion: "skipped",
        };
      continue;
    }
    const logFile = path.join(
      logDir,
      `${String(index + 1).padStart(2, "0")}-${fileSafe(label)}.log`,
    );
    let result: Result = "success";
    let note: string | undefined;
    let outputs: Record<string, string> = {};
    let bytes = 0;
    let cpuSeconds = 0;
    let action: string | undefined;
    try {
      const ctx = evalContext(envBefore);
      const stepEnv = { ...envBefore, ...textMap(step.env, ctx) };
      if (step.run !== undefined) {
        const files = {
          output: path.join(dirs.temp, `output-${index}`),
          env: path.join(dirs.temp, `env-${index}`),
          path: path.join(dirs.temp, `path-${index}`),
        };
        for (const file of Object.values(files)) writeFileSync(file, "");
        const standIn = standInFor(step.run);
        note = standIn ? `local stand-in: ${standIn.why}` : undefined;
        const pathValue = [
          ...extraPath.slice().reverse(),
          settings.baseEnv["PATH"] ?? "",
        ].join(":");
        const remaining = Math.min(
          deadline - performance.now(),
          (step["timeout-minutes"] ?? 360) * 60_000,
        );
        const outcome = await runScript({
          script: standIn ? standIn.script : interpolate(step.run, ctx),
          scriptFile: path.join(dirs.temp, `step-${index}.sh`),
          explicitBash: step.shell === "bash",
          cwd: step["working-directory"]
            ? path.join(dirs.workspace, step["working-directory"])
            : dirs.workspace,
          env: {
            ...settings.baseEnv,
            ...stepEnv,
            PATH: pathValue,
            HOME: dirs.home,
            RUNNER_TEMP: dirs.temp,
            GITHUB_WORKSPACE: dirs.workspace,
            GITHUB_JOB: id,
            GITHUB_OUTPUT: files.output,
            GITHUB_ENV: files.env,
            GITHUB_PATH: files.path,
            GITHUB_STEP_SUMMARY: summaryFile,
          },
          logFile,
          timeoutMs: Math.max(remaining, 1),
        });
        cpuSeconds = outcome.cpuSeconds;
        outputs = readKeyValueFile(files.output);
        Object.assign(extraEnv, readKeyValueFile(files.env));
        extraPath.push(...readPathFile(files.path));
        if (outcome.exitCode !== 0) {
          result = "failure";
          note = outcome.timedOut
            ? "timed out (timeout-minutes)"
            : `exit code ${outcome.exitCode}`;
        }
      } else {
        const found = shimFor(step.uses as string);
        action = found.name;
        const shim = found.shim;
        const lines: string[] = [];
        outputs = await shim({
          with: textMap(step.with, ctx),
          dirs,
          stores: settings.stores,
          log: (line) => lines.push(line),
          warn: (line) => lines.push(annotation("warning", line)),
          setEnv: (key, value) => {
            extraEnv[key] = value;
          },
          addPath: (dir) => extraPath.push(dir),
          transferred: (n) => {
            bytes += n;
          },
          post: (run) => posts.unshift(run),
        });
        writeFileSync(logFile, `${action}\n${lines.join("\n")}\n`);
        note =
          lines.find((l) => l.startsWith("::warning::"))?.slice(11) ??
          lines.at(-1);
      }
    } catch (error) {
      result = "failure";
      note =
        error instanceof ExpressionError
          ? `expression: ${error.message}`
          : (error as Error).message;
      writeFileSync(logFile, `${note}\n`, { flag: "a" });
    }
    if (result === "failure") {
      failed = true;
      failure ??= `step "${label}" failed: ${note ?? "see its log"} (log: ${logFile})`;
    }
    if (step.id)
      stepsContext[step.id] = { outputs, outcome: result, conclusion: result };
    reports.push({
      name: label,
      result,
      seconds: seconds(stepStart),
      ...(note ? { note } : {}),
      ...(action ? { action } : {}),
      ...(bytes > 0 ? { bytes } : {}),
      ...(cpuSeconds > 0 ? { cpuSeconds } : {}),
      ...(step.run !== undefined ? { log: logFile } : {}),
    });
  }

  for (const post of posts) {
    try {
      await post(!failed);
    } catch (error) {
      failed = true;
      failure ??= `post step: ${(error as Error).message}`;
    }
  }

  let outputs: Record<string, string> = {};
  try {
    outputs = textMap(job.outputs, evalContext({ ...jobEnv, ...extraEnv }));
  } catch (error) {
    failed = true;
    failure ??= `outputs: ${(error as Error).message}`;
  }
  const elapsed = seconds(started);
  let summary = "";
  try {
    summary = readFileSync(summaryFile, "utf8");
  } catch {
    // no step wrote a summary
  }
  if (summary) writeFileSync(path.join(logDir, "step-summary.md"), summary);
  // A job's clone with its node_modules is ~1 GB: gone when the job ends unless --keep. Not timed
  // (a runner's teardown is not the job's); dependents start without waiting for it.
  if (!settings.keep)
    pendingCleanups.add(rm(jobRoot, { recursive: true, force: true }));
  return {
    id,
    name,
    result: failed ? "failure" : "success",
    seconds: elapsed,
    cpuSeconds: reports.reduce((sum, r) => sum + (r.cpuSeconds ?? 0), 0),
    startedAt,
    steps: reports,
    outputs,
    ...(failure ? { reason: failure } : {}),
    logDir,
  };
}
