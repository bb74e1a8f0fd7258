import "./quiet-sqlite-warning";
import path from "node:path";
import { wranglerConfigPath } from "../cli/wrangler-config-file";
import { D1_BINDING } from "../../workflows-src/builders/environment-model";
import { existsSync, readFileSync } from "node:fs";
import { defineCli, UsageError } from "../cli/define-cli";
import { runDrizzleCheck } from "./drizzle-check";
import type { Finding } from "./finding";
import { formatAnnotation, formatFinding, formatSummary } from "./format";
import { InputError } from "./input-error";
import { failing, lintMigrations } from "./lint-migrations";
import { migrationPaths, readSources } from "./read-sources";
import { ruleIds } from "./rule-ids";
import { appendSummary } from "../deploy/github-io";

const cli = defineCli({
  usage: "npm run lint:migrations -- [options] [FILES…]",
  description: `Checks D1 migration SQL for changes that lose data or break the Worker still running during a
rollout. Without FILES it reads the migrations of the D1 binding in the wrangler config as wrangler
does (migrations_dir, migrations_pattern), in the order wrangler applies them. Each file is replayed
on SQLite (node:sqlite) with D1's semantics after the ones before it, on generated rows in every
table, and findings say what it measurably lost.`,
  options: {
    config: {
      type: "string",
      value: "<path>",
      description:
        "wrangler config (JSON or JSONC) to read migrations_dir from (default: wrangler.json or wrangler.jsonc here, the one wrangler reads)",
    },
    binding: {
      type: "string",
      value: "<name>",
      default: D1_BINDING,
      description:
        "D1 binding whose migrations_dir to use (default: DB, else the first)",
    },
    "drizzle-config": {
      type: "string",
      value: "<path>",
      default: "drizzle.config.ts",
      description:
        'drizzle-kit config; "drizzle-kit check" runs when it exists',
    },
    "skip-drizzle-check": {
      type: "boolean",
      description: 'do not run "drizzle-kit check"',
    },
    "seed-from": {
      type: "string",
      value: "<file.sql>",
      description:
        'replay on a "wrangler d1 export" (schema and rows) instead of generated rows; the migrations given are those not yet applied to that database',
    },
    "static-only": {
      type: "boolean",
      description:
        "skip the replay: static rules only (faster, more false alarms)",
    },
  },
  positionals: true,
  epilog: `Allow a reviewed finding with a comment before or on the statement:
  -- migration-lint: allow <rule-id>: <reason>

Rules: ${ruleIds.join(", ")}
Exit codes: 0 no unallowed findings, 1 findings, 2 bad input (unreadable file, missing directory, bad config).`,
  errorPrefix: "migration-lint",
  run: ({ values, positionals }) => {
    try {
      return lint(values, positionals);
    } catch (error) {
      if (error instanceof InputError)
        throw new UsageError(error.message, false);
      throw error;
    }
  },
});

function lint(
  values: {
    readonly config: string | undefined;
    readonly binding: string;
    readonly "drizzle-config": string;
    readonly "skip-drizzle-check": boolean;
    readonly "seed-from": string | undefined;
    readonly "static-only": boolean;
  },
  positionals: readonly string[],
): number {
  // Files given: no config is read (the app may have none).
  const paths =
    positionals.length > 0
      ? [...positionals]
      : migrationPaths(
          [],
          values.config ?? wranglerConfigFileHere(),
          values.binding,
        );
  const seedFrom = values["seed-from"];
  const { findings: lintFindings, notes } = lintMigrations(readSources(paths), {
    replay: !values["static-only"],
    ...(seedFrom === undefined ? {} : { seedFromSql: readExport(seedFrom) }),
  });
  for (const note of notes) console.log(`migration-lint: note: ${note}`);
  const drizzleConfig = values["drizzle-config"];
  const checkFindings =
    values["skip-drizzle-check"] || !existsSync(drizzleConfig)
      ? []
      : runDrizzleCheck(process.cwd(), drizzleConfig);
  const findings: Finding[] = [...lintFindings, ...checkFindings];
  report(findings, paths.length);
  return failing(findings).length === 0 ? 0 : 1;
}

function readExport(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new InputError(
      `${path}: cannot read the --seed-from export (${code}) — create it with "wrangler d1 export <db> --remote --output ${path}"`,
    );
  }
}

function report(findings: readonly Finding[], fileCount: number): void {
  for (const finding of findings) console.log(formatFinding(finding));
  const bad = failing(findings);
  if (process.env.GITHUB_ACTIONS === "true")
    for (const finding of bad) console.log(formatAnnotation(finding));
  appendSummary(formatSummary(findings, fileCount));
  const allowed = findings.length - bad.length;
  const verdict =
    bad.length === 0 ? "passed" : `failed with ${bad.length} finding(s)`;
  console.log(
    `migration-lint: ${fileCount} file(s) checked, ${verdict}, ${allowed} allowed.`,
  );
}

process.exitCode = await cli.main();

/** The wrangler config of the working directory; a missing or TOML one is bad input (exit 2). */
function wranglerConfigFileHere(): string {
  try {
    // Relative, as a --config path is: findings name the migration files relative to it.
    return path.relative(process.cwd(), wranglerConfigPath(process.cwd()));
  } catch (error) {
    throw new InputError(
      error instanceof Error ? error.message : String(error),
    );
  }
}
