/**
 * Why a wrangler command failed, in Cloudflare's own words. wrangler reports one failure in up to
 * three places and none holds all of it: the `command-failed` output entry names the last request
 * that failed (for an auth error that is the follow-up `/user/tokens/verify`, not the request that
 * mattered), `--json` commands print `{"error":{"text","notes"}}` with the API's message only in
 * `notes`, and human output prints `✘ [ERROR] <text>` blocks whose indented lines are the notes —
 * with ANSI colours even under NO_COLOR. The first error block is the cause; later ones come from
 * wrangler's own error handler.
 */
import { z } from "zod";

/** What a finished wrangler command left behind (a WranglerRun has these fields). */
export interface FinishedRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Entries of WRANGLER_OUTPUT_FILE_PATH. */
  readonly entries: readonly unknown[];
  readonly durationMs: number;
  readonly timedOut: boolean;
}

export interface WranglerFailure {
  /** wrangler's headline, e.g. "A request to the Cloudflare API (/accounts/…/query) failed." */
  readonly text: string;
  /** The API's messages, e.g. "Authentication error [code: 10000]"; empty when it gave none. */
  readonly notes: readonly string[];
  /** Cloudflare's error code when wrangler recorded one (10000 auth, 7500 SQL, 10007 no Worker). */
  readonly code?: number;
  readonly timedOut: boolean;
}

// eslint-disable-next-line no-control-regex -- ANSI escape sequences are control characters.
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

const jsonErrorSchema = z.looseObject({
  error: z.looseObject({
    text: z.string(),
    notes: z.array(z.looseObject({ text: z.string() })).optional(),
    code: z.number().optional(),
  }),
});

const commandFailedSchema = z.looseObject({
  type: z.literal("command-failed"),
  message: z.string(),
  code: z.union([z.number(), z.string()]).optional(),
});

/** `--json` commands put the error object on stdout (older wrangler: stderr), after a blank line. */
function readJsonError(output: string): WranglerFailure | undefined {
  const start = output.search(/^\{/m);
  if (start === -1) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(output.slice(start));
  } catch {
    return undefined;
  }
  const result = jsonErrorSchema.safeParse(parsed);
  if (!result.success) return undefined;
  const { text, notes, code } = result.data.error;
  return {
    text,
    notes: (notes ?? []).map((n) => n.text.trim()).filter(Boolean),
    ...(code === undefined ? {} : { code }),
    timedOut: false,
  };
}

const ERROR_LINE = /^\s*✘\s*\[ERROR\]\s*(.+)$/;

/** The first `✘ [ERROR]` block of human output: its headline and the indented notes below it. */
function readErrorBlock(output: string): WranglerFailure | undefined {
  const lines = stripAnsi(output).split("\n");
  const at = lines.findIndex((line) => ERROR_LINE.test(line));
  if (at === -1) return undefined;
  const text = (ERROR_LINE.exec(lines[at] ?? "")?.[1] ?? "").trim();
  const notes: string[] = [];
  let blanks = 0;
  for (const line of lines.slice(at + 1)) {
    if (line.trim() === "") {
      // One blank line separates headline and notes; two end the block.
      if (++blanks >= 2 && notes.length > 0) break;
      continue;
    }
    if (ERROR_LINE.test(line) || !/^\s/.test(line)) break;
    blanks = 0;
    notes.push(line.trim());
  }
  const code = /\[code: (\d+)\]/.exec(notes.join(" "))?.[1];
  return {
    text,
    notes,
    ...(code === undefined ? {} : { code: Number(code) }),
    timedOut: false,
  };
}

function commandFailed(entries: readonly unknown[]) {
  for (const entry of entries) {
    const parsed = commandFailedSchema.safeParse(entry);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

function lastLine(text: string): string | undefined {
  return stripAnsi(text)
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !/^[─-]+$/.test(line))
    .at(-1);
}

export function readWranglerFailure(run: FinishedRun): WranglerFailure {
  if (run.timedOut) {
    return {
      text: `timed out after ${(run.durationMs / 1000).toFixed(0)}s`,
      notes: [],
      timedOut: true,
    };
  }
  const recorded = commandFailed(run.entries);
  const recordedCode =
    recorded?.code === undefined ? undefined : Number(recorded.code);
  const found =
    readJsonError(run.stdout) ??
    readJsonError(run.stderr) ??
    readErrorBlock(run.stderr) ??
    readErrorBlock(run.stdout);
  if (found !== undefined) {
    const code = found.code ?? recordedCode;
    return { ...found, ...(code === undefined ? {} : { code }) };
  }
  const text =
    recorded?.message.split("\n")[0]?.trim() ||
    lastLine(run.stderr) ||
    lastLine(run.stdout) ||
    "no output";
  return {
    text,
    notes: [],
    ...(recordedCode === undefined || Number.isNaN(recordedCode)
      ? {}
      : { code: recordedCode }),
    timedOut: false,
  };
}

/**
 * One line: the API's own message first (what to fix), then wrangler's headline (where it
 * happened), e.g. `Authentication error [code: 10000] (A request to the Cloudflare API (…) failed.)`.
 */
export function describeWranglerFailure(failure: WranglerFailure): string {
  if (failure.notes.length === 0) return failure.text;
  return `${failure.notes.join("; ")} (${failure.text})`;
}
