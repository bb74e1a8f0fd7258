/**
 * The explicit allow for a planned breaking change: a comment in a migration, shaped like the
 * migration gate's allow comments, that names why the serving build may break (with downtime).
 *
 *   -- compat: allow breaking: notes.author renamed in the 2026-12-20 maintenance window (downtime announced)
 *
 * A reason is required: the reviewer approves the reason, so an allow without one allows nothing.
 */

export const ALLOW_SYNTAX = "-- compat: allow breaking: <reason>";

export interface BreakingAllow {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

export interface AllowProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export interface AllowScan {
  readonly allows: readonly BreakingAllow[];
  readonly problems: readonly AllowProblem[];
}

const marker = /^\s*--\s*compat:\s*(.*?)\s*$/;
const allowShape = /^allow\s+breaking\s*(?::\s*(.*))?$/;

/** Every `-- compat:` line comment in one migration's SQL. */
export function scanAllowComments(file: string, sql: string): AllowScan {
  const allows: BreakingAllow[] = [];
  const problems: AllowProblem[] = [];
  sql.split("\n").forEach((text, index) => {
    const body = marker.exec(text)?.[1];
    if (body === undefined) return;
    const line = index + 1;
    const shape = allowShape.exec(body);
    const reason = shape?.[1]?.trim() ?? "";
    if (shape === null)
      problems.push({
        file,
        line,
        message: `"compat: ${body}" is not an allow — write "${ALLOW_SYNTAX}"`,
      });
    else if (reason === "")
      problems.push({
        file,
        line,
        message: `allow breaking gives no reason, so it allows nothing — write "${ALLOW_SYNTAX}" (e.g. the downtime window)`,
      });
    else allows.push({ file, line, reason });
  });
  return { allows, problems };
}

/** The allows and problems of several migrations, in their order. */
export function scanMigrations(
  migrations: readonly { readonly file: string; readonly sql: string }[],
): AllowScan {
  const scans = migrations.map((m) => scanAllowComments(m.file, m.sql));
  return {
    allows: scans.flatMap((s) => s.allows),
    problems: scans.flatMap((s) => s.problems),
  };
}
