/**
 * Runs named stages in order and times them; after the first failure the remaining stages are
 * recorded as skipped and never started — so a failed migration means nothing gets built or served.
 */
import { markdownTable } from "./github-io";

export interface StageResult {
  readonly name: string;
  readonly status: "ok" | "failed" | "skipped";
  readonly ms: number;
  readonly note: string;
}

export interface StageRunner {
  /** Runs `work` unless an earlier stage failed; its return value is the stage's note. */
  run(name: string, work: () => Promise<string>): Promise<void>;
  record(result: StageResult): void;
  readonly results: readonly StageResult[];
  readonly failed: boolean;
}

export function createStageRunner(
  report: (line: string) => void = console.log,
): StageRunner {
  const results: StageResult[] = [];
  let failed = false;
  return {
    results,
    get failed() {
      return failed;
    },
    record: (result) => void results.push(result),
    async run(name, work) {
      if (failed) {
        results.push({ name, status: "skipped", ms: 0, note: "" });
        return;
      }
      report(`▶ ${name}`);
      const started = performance.now();
      try {
        const note = await work();
        const ms = performance.now() - started;
        results.push({ name, status: "ok", ms, note });
        report(
          `  ✓ ${name} (${(ms / 1000).toFixed(1)}s)${note ? ` — ${note}` : ""}`,
        );
      } catch (error) {
        failed = true;
        const message = error instanceof Error ? error.message : String(error);
        results.push({
          name,
          status: "failed",
          ms: performance.now() - started,
          note: message.split("\n")[0] ?? "",
        });
        report(`  ✗ ${name}: ${message}`);
      }
    },
  };
}

export function timingTable(stages: readonly StageResult[]): string {
  const total = stages.reduce((sum, s) => sum + s.ms, 0);
  const rows = stages.map((s) => [
    s.name,
    s.status,
    (s.ms / 1000).toFixed(1),
    s.note,
  ]);
  return markdownTable(
    ["stage", "result", "seconds", "note"],
    [...rows, ["total", "", (total / 1000).toFixed(1), ""]],
  );
}
