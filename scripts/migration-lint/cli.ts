import "./quiet-sqlite-warning";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { runDrizzleCheck } from "./drizzle-check";
import type { Finding } from "./finding";
import { formatAnnotation, formatFinding, formatSummary } from "./format";
import { InputError } from "./input-error";
import { failing, lintMigrations } from "./lint-migrations";
import { migrationPaths, readSources } from "./read-sources";
import { ruleIds } from "./rule-ids";

const help = `Usage: npm run lint:migrations -- [options] [FILES…]

Checks D1 migration SQL for changes that lose data or break the Worker still running during a
rollout. Without FILES it reads the migrations of the D1 binding in the wrangler config as wrangler
does (migrations_dir, migrations_pattern), in the order wrangler applies them. Each file is replayed
on SQLite (node:sqlite) with D1's semantics after the ones before it, on generated rows in every
table, and findings say what it measurably lost.

Options:
  --config <path>          wrangler config (JSONC) to read migrations_dir from (default: wrangler.jsonc)
  --binding <name>         D1 binding whose migrations_dir to use (default: DB, else the first)
  --drizzle-config <path>  drizzle-kit config; "drizzle-kit check" runs when it exists (default: drizzle.config.ts)
  --skip-drizzle-check     do not run "drizzle-kit check"
  --seed-from <file.sql>   replay on a "wrangler d1 export" (schema and rows) instead of generated rows;
                           the migrations given are those not yet applied to that database
  --static-only            skip the replay: static rules only (faster, more false alarms)
  -h, --help               show this help

Allow a reviewed finding with a comment before or on the statement:
  -- migration-lint: allow <rule-id>: <reason>

Rules: ${ruleIds.join(", ")}
Exit codes: 0 no unallowed findings, 1 findings, 2 bad input (unreadable file, missing directory, bad config).`;

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      config: { type: "string", default: "wrangler.jsonc" },
      binding: { type: "string", default: "DB" },
      "drizzle-config": { type: "string", default: "drizzle.config.ts" },
      "skip-drizzle-check": { type: "boolean", default: false },
      "seed-from": { type: "string" },
      "static-only": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  const paths = migrationPaths(positionals, values.config, values.binding);
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
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (summaryFile)
    appendFileSync(summaryFile, formatSummary(findings, fileCount));
  const allowed = findings.length - bad.length;
  const verdict =
    bad.length === 0 ? "passed" : `failed with ${bad.length} finding(s)`;
  console.log(
    `migration-lint: ${fileCount} file(s) checked, ${verdict}, ${allowed} allowed.`,
  );
}

try {
  process.exitCode = main();
} catch (error) {
  // node:util parseArgs reports bad options with ERR_PARSE_ARGS_* codes and readable messages.
  const badArgs =
    error instanceof Error &&
    String((error as NodeJS.ErrnoException).code).startsWith("ERR_PARSE_ARGS");
  if (!(error instanceof InputError) && !badArgs) throw error;
  console.error(
    `migration-lint: ${(error as Error).message}${badArgs ? " — see --help" : ""}`,
  );
  process.exitCode = 2;
}
