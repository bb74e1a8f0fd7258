/**
 * A unified diff (3 lines of context) between two texts, so a drift failure shows what changed
 * without needing git. LCS over lines: generated files are a few hundred lines at most.
 */
type Op = { kind: " " | "-" | "+"; line: string };

const MAX_CELLS = 4_000_000;

function lcsOps(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j]
          ? (table[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(
              table[(i + 1) * width + j] ?? 0,
              table[i * width + j + 1] ?? 0,
            );
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ kind: " ", line: a[i] ?? "" });
      i++;
      j++;
    } else if (
      (table[(i + 1) * width + j] ?? 0) >= (table[i * width + j + 1] ?? 0)
    ) {
      ops.push({ kind: "-", line: a[i++] ?? "" });
    } else {
      ops.push({ kind: "+", line: b[j++] ?? "" });
    }
  }
  while (i < n) ops.push({ kind: "-", line: a[i++] ?? "" });
  while (j < m) ops.push({ kind: "+", line: b[j++] ?? "" });
  return ops;
}

function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

export function unifiedDiff(
  before: string,
  after: string,
  labels: { from: string; to: string },
  context = 3,
): string {
  if (before === after) return "";
  const a = splitLines(before);
  const b = splitLines(after);
  const ops =
    (a.length + 1) * (b.length + 1) > MAX_CELLS
      ? [
          ...a.map((line): Op => ({ kind: "-", line })),
          ...b.map((line): Op => ({ kind: "+", line })),
        ]
      : lcsOps(a, b);
  const out = [`--- ${labels.from}`, `+++ ${labels.to}`];
  const changed = ops.flatMap((op, index) => (op.kind === " " ? [] : [index]));
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, (changed[k] ?? 0) - context);
    let end = Math.min(ops.length, (changed[k] ?? 0) + context + 1);
    while (k + 1 < changed.length && (changed[k + 1] ?? 0) - context <= end) {
      k++;
      end = Math.min(ops.length, (changed[k] ?? 0) + context + 1);
    }
    k++;
    let oldLine = 1;
    let newLine = 1;
    for (const op of ops.slice(0, start)) {
      if (op.kind !== "+") oldLine++;
      if (op.kind !== "-") newLine++;
    }
    const hunk = ops.slice(start, end);
    const oldCount = hunk.filter((op) => op.kind !== "+").length;
    const newCount = hunk.filter((op) => op.kind !== "-").length;
    out.push(`@@ -${oldLine},${oldCount} +${newLine},${newCount} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.line}`);
  }
  return out.join("\n");
}
