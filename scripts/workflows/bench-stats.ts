/** Median and ratio arithmetic for the workflow benchmark, kept apart from process spawning. */
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
