/** Median, ratio and command arithmetic for the workflow benchmark, kept apart from process spawning. */
import { PIPELINE_BIN } from "../../workflows-src/builders/pipeline-package";

/** The launcher the bin's link points at, relative to the repository (bench runs there). */
const PIPELINE_BIN_FILE = `node_modules/.bin/${PIPELINE_BIN}`;
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error("median: no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export interface BenchRow {
  readonly name: string;
  readonly medianMs: number;
  readonly ratio: number;
  readonly target?: number;
}

export function benchTable(rows: readonly BenchRow[]): string {
  return rows
    .map((row) => {
      const verdict =
        row.target === undefined
          ? ""
          : row.ratio <= row.target
            ? `  (target ≤ ${row.target}×: ok)`
            : `  (target ≤ ${row.target}×: OVER)`;
      return `${row.name.padEnd(16)} ${row.medianMs.toFixed(0).padStart(6)} ms  ${row.ratio.toFixed(2)}× floor${verdict}`;
    })
    .join("\n");
}

/** The node arguments behind an npm script, so the bench times exactly what `npm run` runs. */
export function nodeArgsOf(
  script: string,
  command: string | undefined,
): string[] {
  const parts = (command ?? "").split(/\s+/).filter(Boolean);
  // The pipeline's bin: node starts its launcher (in this repository it runs the sources).
  if (parts[0] === PIPELINE_BIN) return [PIPELINE_BIN_FILE, ...parts.slice(1)];
  if (parts[0] !== "node") {
    throw new Error(
      `package.json: scripts.${script}: "${command ?? ""}" does not start with node — keep it a plain node command so it can be timed`,
    );
  }
  return parts.slice(1).map((part) => part.replace(/^'(.*)'$/, "$1"));
}
