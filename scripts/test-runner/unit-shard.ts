/**
 * Splits the unit suite into shards of about equal time, so quality.yml runs it as parallel jobs
 * instead of one long one. Longest file first, each to the shard with the least time so far (LPT).
 * Times come from a recorded run (unit-durations.json); a file the record does not know counts as
 * the mean (most files take well under a second, so the median would call a new slow file free) —
 * it is never dropped, at worst placed less well.
 */

export interface ShardSpec {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

export interface Shard {
  readonly files: readonly string[];
  /** The recorded (or assumed) seconds of its files. */
  readonly seconds: number;
}

/** "2/3" → { index: 2, count: 3 }; anything else names `source` and the form it wants. */
export function parseShard(text: string, source: string): ShardSpec {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index < 1 || index > count)
    throw new Error(
      `${source}: "${text}" — give INDEX/COUNT with 1 ≤ INDEX ≤ COUNT, e.g. 1/3`,
    );
  return { index, count };
}

function mean(values: readonly number[]): number {
  return values.length === 0
    ? 1
    : values.reduce((sum, v) => sum + v, 0) / values.length;
}

/**
 * What a test file costs beyond its own tests: vitest starts a worker and imports per file (~0.35 s
 * reported by vitest on the 2-core machine; the JSON report's times leave it out).
 */
export const FILE_OVERHEAD_SECONDS = 0.4;

/** Every file in exactly one shard; deterministic for the same inputs (ties by file name). */
export function partition(
  files: readonly string[],
  durations: Readonly<Record<string, number>>,
  count: number,
): Shard[] {
  const known = files.flatMap((f) =>
    durations[f] === undefined ? [] : [durations[f]],
  );
  const fallback = mean(known);
  const weighted = files
    .map((file) => ({
      file,
      seconds: (durations[file] ?? fallback) + FILE_OVERHEAD_SECONDS,
    }))
    .sort((a, b) => b.seconds - a.seconds || a.file.localeCompare(b.file));
  const shards = Array.from({ length: count }, () => ({
    files: [] as string[],
    seconds: 0,
  }));
  for (const { file, seconds } of weighted) {
    const lightest = shards.reduce((min, s) =>
      s.seconds < min.seconds ? s : min,
    );
    lightest.files.push(file);
    lightest.seconds += seconds;
  }
  return shards.map((s) => ({
    files: [...s.files].sort(),
    seconds: s.seconds,
  }));
}

interface VitestJson {
  readonly testResults?: readonly {
    readonly name: string;
    readonly startTime?: number;
    readonly endTime?: number;
  }[];
}

/**
 * Per-file seconds from vitest's JSON report (`--reporter=json`), keyed by the test files given
 * (paths relative to the repository): a report written in another checkout still matches.
 */
export function durationsFromVitestJson(
  report: VitestJson,
  files: readonly string[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const result of report.testResults ?? []) {
    if (result.startTime === undefined || result.endTime === undefined)
      continue;
    const file = files.find(
      (f) => result.name === f || result.name.endsWith(`/${f}`),
    );
    if (file === undefined) continue;
    out[file] = Math.round((result.endTime - result.startTime) / 100) / 10;
  }
  return Object.fromEntries(
    Object.entries(out).sort(([a], [b]) => a.localeCompare(b)),
  );
}

/**
 * vitest takes file arguments as substring filters (case-insensitive): a file that is also part
 * of another file's path would pull that one into this shard too. Returns such pairs, so the CLI
 * can refuse them.
 */
export function ambiguousFilters(files: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const a of files)
    for (const b of files)
      if (a !== b && b.toLowerCase().includes(a.toLowerCase()))
        pairs.push([a, b]);
  return pairs;
}
