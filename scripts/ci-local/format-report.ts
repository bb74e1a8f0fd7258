/**
 * The run report for humans: each job with its steps and seconds, then machine time, wall time and
 * the one line `critical path: N s` that benchmarks and people grep for.
 */
import { STAND_INS } from "./stand-ins";
import type { RunReport } from "./run-workflow";

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
  const used = new Set(
    report.jobs.flatMap((j) => j.steps.map((s) => s.note ?? "")),
  );
  const standIns = Object.entries(STAND_INS)
    .filter(([, s]) => used.has(`local stand-in: ${s.why}`))
    .map(([run, s]) => `  ${run}: ${s.why}`);
  // Action shims that cannot do the real thing say so in their note (zizmor's Docker image).
  for (const note of used) {
    if (
      note.startsWith("local stand-in: ") &&
      !standIns.some((l) => l.endsWith(note.slice(16)))
    ) {
      standIns.push(`  ${note.slice(16)}`);
    }
  }
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
