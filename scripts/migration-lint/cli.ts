import { appendFileSync, existsSync } from "node:fs";
import { defineCli, UsageError } from "../cli/define-cli";
import { runDrizzleCheck } from "./drizzle-check";
import type { Finding } from "./finding";
import { formatAnnotation, formatFinding, formatSummary } from "./format";
import { InputError } from "./input-error";
import { failing, lintMigrations } from "./lint-migrations";
import { migrationPaths, readSources } from "./read-sources";
import { ruleIds } from "./rule-ids";

const cli = defineCli({
  usage: "npm run lint:migrations -- [options] [FILES…]",
  description: `Checks D1 migration SQL for changes that lose data or break the Worker still running during a
rollout. Without FILES it reads every .sql file in the migrations_dir of the D1 binding in the
wrangler config, in the order wrangler applies them, building the schema as it goes.`,
  options: {
    config: {
      type: "string",
      value: "<path>",
      default: "wrangler.jsonc",
      description: "wrangler config (JSONC) to read migrations_dir from",
    },
    binding: {
      type: "string",
      value: "<name>",
      default: "DB",
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
    readonly config: string;
    readonly binding: string;
    readonly "drizzle-config": string;
    readonly "skip-drizzle-check": boolean;
  },
  positionals: readonly string[],
): number {
  const paths = migrationPaths(positionals, values.config, values.binding);
  const { findings: lintFindings } = lintMigrations(readSources(paths));
  const drizzleConfig = values["drizzle-config"];
  const checkFindings =
    values["skip-drizzle-check"] || !existsSync(drizzleConfig)
      ? []
      : runDrizzleCheck(process.cwd(), drizzleConfig);
  const findings: Finding[] = [...lintFindings, ...checkFindings];
  report(findings, paths.length);
  return failing(findings).length === 0 ? 0 : 1;
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

process.exitCode = await cli.main();
