/**
 * The N−1 verdict from what ran: the serving build's own E2E suite, on a D1 holding every migration
 * of this change. Pure: the CLI prints the lines and exits with the code.
 */
import type { AllowScan } from "./allow-breaking";
import type { SuiteOutcome } from "./playwright-report";

export const EXPAND_CONTRACT_DOC =
  "docs/deployment/migrations-guide.md#expand-and-contract";

export interface VerdictInput {
  /** The serving commit, full SHA. */
  readonly commit: string;
  /** Migrations new since that commit (repository paths), in apply order. */
  readonly migrations: readonly string[];
  readonly suite: SuiteOutcome;
  readonly allows: AllowScan;
  /** What the worker itself logged as errors while the suite ran (wrangler dev's log). */
  readonly workerErrors?: readonly string[];
}

export interface Verdict {
  readonly status: "compatible" | "breaking" | "breaking-allowed";
  readonly exitCode: 0 | 1;
  /** `error` lines become ::error:: annotations on GitHub, `notice` lines plain output. */
  readonly lines: readonly { level: "error" | "notice"; text: string }[];
}

const short = (sha: string) => sha.slice(0, 12);

function migrationList(migrations: readonly string[]): string {
  return migrations.length === 1
    ? `migration ${migrations[0]}`
    : `migrations ${migrations.join(", ")}`;
}

export function decide(input: VerdictInput): Verdict {
  const { suite, allows } = input;
  const against = `the serving build ${short(input.commit)} on the new schema (${migrationList(input.migrations)})`;
  const problems = allows.problems.map((p) => ({
    level: "error" as const,
    text: `${p.file}:${p.line} ${p.message}`,
  }));
  const broken = [
    ...suite.failed.map(
      (f) => `${f.file} › ${f.title} failed on ${against}: ${f.error}`,
    ),
    ...suite.errors.map(
      (e) => `the old E2E suite did not run on ${against}: ${e}`,
    ),
  ];
  const why =
    input.workerErrors !== undefined && input.workerErrors.length > 0
      ? ` (the worker logged: ${input.workerErrors.join("; ")})`
      : "";
  if (why !== "" && broken.length > 0) broken[0] = `${broken[0]}${why}`;
  if (broken.length === 0 && suite.passed === 0)
    broken.push(
      `the old E2E suite ran no test against ${against}, so nothing proves it still works — check the suite's testIgnore/grep in scripts/compat/suite.ts`,
    );

  if (broken.length === 0)
    return {
      status: "compatible",
      exitCode: problems.length > 0 ? 1 : 0,
      lines: [
        ...problems,
        {
          level: "notice",
          text: `backward-compatible: ${suite.passed} test(s) of ${short(input.commit)}'s E2E suite passed on the new schema (${migrationList(input.migrations)})`,
        },
        ...allows.allows.map((a) => ({
          level: "notice" as const,
          text: `${a.file}:${a.line} allows a breaking change that did not happen — remove the allow comment`,
        })),
      ],
    };

  const fix = `— make the migration backward-compatible (expand/contract: ${EXPAND_CONTRACT_DOC}) or, for a planned breaking change with downtime, add "-- compat: allow breaking: <reason>" to it`;
  if (allows.allows.length > 0 && problems.length === 0)
    return {
      status: "breaking-allowed",
      exitCode: 0,
      lines: [
        ...broken.map((text) => ({ level: "notice" as const, text })),
        ...allows.allows.map((a) => ({
          level: "notice" as const,
          text: `allowed by ${a.file}:${a.line}: ${a.reason} — the serving build will fail until the new one is promoted`,
        })),
      ],
    };
  return {
    status: "breaking",
    exitCode: 1,
    lines: [
      ...problems,
      ...broken.map((text) => ({
        level: "error" as const,
        text: `${text} ${fix}`,
      })),
    ],
  };
}
