/**
 * Runs a workflow's jobs in `needs` order, as many at once as `parallel` allows, and returns a
 * report: per job and step the result and seconds, machine time (sum of job times) and the
 * critical path. A call of a reusable workflow (`uses: ./.github/workflows/x.yml`) runs its jobs
 * in the same run — same artifacts — as GitHub does; its outputs come from on.workflow_call.outputs.
 */
import path from "node:path";
import {
  evaluateCondition,
  interpolate,
  type EvalContext,
  type ValueMap,
} from "./expression";
import {
  criticalPath,
  longestChainFirst,
  schedule,
  withAncestors,
  type CriticalPath,
} from "./graph";
import {
  pendingCleanups,
  runJob,
  type JobReport,
  type Result,
  type RunSettings,
} from "./run-job";
import {
  isCallJob,
  loadWorkflow,
  needsOf,
  type CallJob,
  type NormalJob,
} from "./workflow-model";

interface NormalNode {
  readonly kind: "job";
  readonly key: string;
  readonly scope: string;
  readonly localId: string;
  readonly job: NormalJob;
  readonly needs: readonly string[];
  /** Local id → key, for this job's `needs` context. */
  readonly needMap: ReadonlyMap<string, string>;
}

interface CallNode {
  readonly kind: "call";
  readonly key: string;
  readonly name: string;
  readonly needs: readonly string[];
  /** Local id (in the called workflow) → key. */
  readonly jobMap: ReadonlyMap<string, string>;
  readonly outputs: Readonly<Record<string, string>>;
}

type Node = NormalNode | CallNode;

/** Flattens a workflow (and the workflows it calls) into one graph of uniquely keyed nodes. */
export function expandWorkflow(
  repoRoot: string,
  file: string,
  scope = "",
  inherited: readonly string[] = [],
): Node[] {
  const workflow = loadWorkflow(path.join(repoRoot, file));
  const keyOf = (id: string): string => `${scope}${id}`;
  const nodes: Node[] = [];
  for (const [id, job] of Object.entries(workflow.jobs)) {
    const localNeeds = needsOf(job);
    const needs =
      localNeeds.length > 0 ? localNeeds.map(keyOf) : [...inherited];
    const needMap = new Map(localNeeds.map((n) => [n, keyOf(n)]));
    if (!isCallJob(job)) {
      nodes.push({
        kind: "job",
        key: keyOf(id),
        scope,
        localId: id,
        job,
        needs,
        needMap,
      });
      continue;
    }
    refuseCallFeatures(file, id, job);
    const called = job.uses.replace(/^\.\//, "");
    const inner = expandWorkflow(repoRoot, called, `${keyOf(id)}/`, needs);
    nodes.push(...inner);
    const calledWorkflow = loadWorkflow(path.join(repoRoot, called));
    const callTrigger = (calledWorkflow.on["workflow_call"] ?? {}) as {
      outputs?: Record<string, { value: string }>;
    };
    const outputs: Record<string, string> = {};
    for (const [name, spec] of Object.entries(callTrigger.outputs ?? {}))
      outputs[name] = spec.value;
    const jobMap = new Map(
      Object.keys(calledWorkflow.jobs).map((j) => [j, `${keyOf(id)}/${j}`]),
    );
    nodes.push({
      kind: "call",
      key: keyOf(id),
      name: job.name ?? id,
      needs: inner.map((n) => n.key),
      jobMap,
      outputs,
    });
  }
  return nodes;
}

function refuseCallFeatures(file: string, id: string, job: CallJob): void {
  if (job.if !== undefined || job.with !== undefined) {
    throw new Error(
      `${file}: jobs.${id}: if:/with: on a reusable-workflow call are not emulated by ci:local yet`,
    );
  }
}

export interface RunOptions {
  readonly repoRoot: string;
  /** Repository-relative, e.g. .github/workflows/quality.yml. */
  readonly workflowFile: string;
  /** Only these jobs (and what they need); default all. */
  readonly only: readonly string[];
  readonly withEnvironments: boolean;
  readonly parallel: number;
  readonly settings: RunSettings;
}

export interface RunReport {
  readonly workflow: string;
  readonly jobs: readonly JobReport[];
  /** Wall time of the whole local run. */
  readonly wallSeconds: number;
  /** Sum of the jobs' times: what a PR costs in runner time. */
  readonly machineSeconds: number;
  /** Sum of the jobs' CPU seconds: steadier than wall time when the machine is shared. */
  readonly cpuSeconds: number;
  readonly criticalPath: CriticalPath;
  readonly ok: boolean;
}

class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(count: number) {
    this.free = count;
  }
  async use<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

function skipped(
  node: Node,
  name: string,
  reason: string,
  startedAt: number,
): JobReport {
  return {
    id: node.key,
    name,
    result: "skipped",
    seconds: 0,
    startedAt,
    steps: [],
    outputs: {},
    reason,
  };
}

export async function runWorkflow(options: RunOptions): Promise<RunReport> {
  const { settings } = options;
  const all = expandWorkflow(options.repoRoot, options.workflowFile);
  const keys =
    options.only.length > 0
      ? new Set(
          withAncestors(
            all.map((n) => ({ id: n.key, needs: n.needs })),
            options.only,
          ),
        )
      : undefined;
  const nodes = keys ? all.filter((n) => keys.has(n.key)) : all;
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const reports = new Map<string, JobReport>();
  const slots = new Slots(options.parallel);
  const since = (): number => (performance.now() - settings.startedAt) / 1000;

  const contextOf = (map: ReadonlyMap<string, string>): ValueMap => {
    const out: Record<string, ValueMap> = {};
    for (const [local, key] of map) {
      const report = reports.get(key);
      if (report)
        out[local] = { result: report.result, outputs: report.outputs };
    }
    return out;
  };

  const runNode = async (node: Node): Promise<JobReport> => {
    const needReports = node.needs
      .map((k) => reports.get(k))
      .filter((r): r is JobReport => r !== undefined);
    if (node.kind === "call") {
      const inner = [...node.jobMap.values()]
        .map((k) => reports.get(k))
        .filter((r): r is JobReport => r !== undefined);
      const result: Result = inner.some((r) => r.result === "failure")
        ? "failure"
        : "success";
      const ctx: EvalContext = {
        contexts: { ...settings.contexts, jobs: contextOf(node.jobMap) },
        status: { failed: result === "failure", cancelled: false },
      };
      const outputs: Record<string, string> = {};
      for (const [name, value] of Object.entries(node.outputs))
        outputs[name] = interpolate(value, ctx);
      return {
        id: node.key,
        name: node.name,
        result,
        seconds: 0,
        startedAt: since(),
        steps: [],
        outputs,
      };
    }
    const name = node.job.name ?? node.localId;
    const needs = contextOf(node.needMap);
    const condition: EvalContext = {
      contexts: { ...settings.contexts, needs },
      status: {
        failed: needReports.some((r) => r.result === "failure"),
        cancelled: false,
        success: needReports.every((r) => r.result === "success"),
      },
    };
    let run: boolean;
    try {
      run = evaluateCondition(node.job.if, condition);
    } catch (error) {
      return {
        ...skipped(node, name, "", since()),
        result: "failure",
        reason: `if: ${(error as Error).message}`,
      };
    }
    if (!run) {
      const failedNeed = needReports.find((r) => r.result !== "success");
      const reason =
        node.job.if === undefined && failedNeed
          ? `needs ${failedNeed.id}, which ${failedNeed.result === "failure" ? "failed" : "was skipped"}`
          : `if: ${String(node.job.if)} is false`;
      return skipped(node, name, reason, since());
    }
    const environment = node.job.environment;
    if (environment !== undefined && !options.withEnvironments) {
      const envName =
        typeof environment === "string" ? environment : environment.name;
      return skipped(
        node,
        name,
        `environment ${envName}: run with --with-environments (against the Cloudflare API double)`,
        since(),
      );
    }
    return slots.use(async () => {
      settings.print(`▶ ${node.key} (${since()} s)`);
      return runJob(
        node.key,
        node.job,
        needs,
        environment === undefined
          ? settings
          : {
              ...settings,
              baseEnv: { ...settings.baseEnv, ...settings.environmentEnv },
            },
      );
    });
  };

  await schedule(
    longestChainFirst(
      nodes.map((n) => ({
        id: n.key,
        needs: n.needs.filter((k) => byKey.has(k)),
      })),
    ),
    // Every node may wait at once: Slots bounds the jobs that really run.
    nodes.length,
    async (key) => {
      const node = byKey.get(key) as Node;
      const report = {
        ...(await runNode(node)),
        needs: node.needs.filter((k) => byKey.has(k)),
      };
      reports.set(key, report);
      if (report.steps.length > 0 || report.result !== "success")
        settings.print(statusLine(report));
    },
  );

  await Promise.all(pendingCleanups);
  pendingCleanups.clear();
  const ordered = nodes.map((n) => reports.get(n.key) as JobReport);
  const durations = new Map(ordered.map((r) => [r.id, r.seconds]));
  return {
    workflow: options.workflowFile,
    jobs: ordered,
    wallSeconds: since(),
    machineSeconds: ordered.reduce((sum, r) => sum + r.seconds, 0),
    cpuSeconds: ordered.reduce((sum, r) => sum + (r.cpuSeconds ?? 0), 0),
    criticalPath: criticalPath(
      nodes.map((n) => ({ id: n.key, needs: n.needs })),
      durations,
    ),
    ok: ordered.every((r) => r.result !== "failure"),
  };
}

export function statusLine(report: JobReport): string {
  const mark =
    report.result === "success" ? "✓" : report.result === "failure" ? "✗" : "–";
  const time =
    report.result === "skipped" ? "skipped" : `${report.seconds.toFixed(1)} s`;
  return `${mark} ${report.id} ${time}${report.reason ? ` — ${report.reason}` : ""}`;
}
