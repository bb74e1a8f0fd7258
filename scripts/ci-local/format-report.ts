/**
 * The run report for humans: each job with its steps and seconds, then machine time, wall time and
 * the one line `critical path: N s` that benchmarks and people grep for.
 */
import { STAND_INS } from "./stand-ins";
import type { RunReport } from "./run-workflow";

const STAND_IN = "local stand-in: ";

export function formatReport(report: RunReport): string {
  const lines: string[] = [`\n${report.workflow}`];
  for (const job of report.jobs) {
    if (job.result === "skipped") {
      lines.push(
        `  – ${job.id}: skipped${job.reason ? ` (${job.reason})` : ""}`,
      );
      continue;
    }
    if (job.steps.length === 0 && job.result === "success") continue;
    const mark = job.result === "success" ? "✓" : "✗";
    lines.push(
      `  ${mark} ${job.id} ${job.seconds.toFixed(1)} s, cpu ${(job.cpuSeconds ?? 0).toFixed(1)} s (started at ${job.startedAt.toFixed(1)} s)`,
    );
    for (const step of job.steps) {
      const time =
        step.result === "skipped"
          ? "  skipped"
          : `${step.seconds.toFixed(1).padStart(7)} s ${step.cpuSeconds === undefined ? "          " : `cpu ${step.cpuSeconds.toFixed(1).padStart(5)}`}`;
      const mark = step.result === "failure" ? " ✗" : "";
      lines.push(
        `      ${time}  ${step.name}${mark}${step.note ? `  [${step.note}]` : ""}`,
      );
    }
    if (job.reason) lines.push(`      → ${job.reason}`);
  }
  // Each stand-in once, under the step name that used it ("pnpm run e2e:install-browser"); action
  // shims that cannot do the real thing say so in their note too (zizmor's Docker image).
  const known = new Set(Object.values(STAND_INS).map((s) => s.why));
  const standIns = [
    ...new Set(
      report.jobs.flatMap((job) =>
        job.steps.flatMap((step) => {
          if (!step.note?.startsWith(STAND_IN)) return [];
          const why = step.note.slice(STAND_IN.length);
          return [`  ${known.has(why) ? `${step.name}: ` : ""}${why}`];
        }),
      ),
    ),
  ];
  if (standIns.length > 0) {
    lines.push("", "local stand-ins (not run as written):", ...standIns);
  }
  lines.push(
    "",
    `machine time: ${report.machineSeconds.toFixed(1)} s (sum of job times; cpu ${report.cpuSeconds.toFixed(1)} s)`,
    `wall time: ${report.wallSeconds.toFixed(1)} s`,
    `critical path: ${Math.round(report.criticalPath.seconds)} s (${report.criticalPath.jobs.join(" → ") || "no jobs ran"})`,
    report.ok
      ? "result: success"
      : `result: failure (${report.jobs
          .filter((j) => j.result === "failure")
          .map((j) => j.id)
          .join(", ")})`,
  );
  return lines.join("\n");
}
