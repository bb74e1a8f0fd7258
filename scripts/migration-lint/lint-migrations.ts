import { parseAllowComments } from "./allow-comment";
import type { Finding, RuleFinding } from "./finding";
import { basename } from "node:path";
import { InputError } from "./input-error";
import { parseStatement } from "./parse-statement";
import type { ParsedStatement } from "./parsed-statement";
import type { ReplayFinding } from "./replay/judge";
import {
  isSyntaxError,
  isTransactionRejection,
  Replayer,
  type FileReplay,
} from "./replay/replayer";
import {
  replayDecidedRules,
  ruleIds,
  unallowableRules,
  type RuleId,
} from "./rule-ids";
import { statementRules } from "./rules/index";
import { applyStatement, emptySchema, type Schema } from "./schema";
import { splitStatements, type Statement } from "./split-statements";
import { tokenize } from "./tokenize";
import { transactionAdvice } from "./transaction-advice";

export interface MigrationSource {
  /** The path printed in findings. */
  readonly file: string;
  readonly sql: string;
}

export interface LintOptions {
  /** Replay on SQLite with seeded rows (default true); false keeps only the static rules. */
  readonly replay?: boolean;
  /** A `wrangler d1 export` to replay against instead of an empty database with generated rows. */
  readonly seedFromSql?: string;
}

export interface LintResult {
  readonly findings: readonly Finding[];
  readonly schema: Schema;
  /** Things the reader should know that are not findings, e.g. tables the replay could not seed. */
  readonly notes: readonly string[];
}

interface Entry extends Statement {
  readonly parsed: ParsedStatement;
  readonly text: string;
}

/** The table a static finding is about, so the replay can tell whether it had rows to judge. */
function targetTable(statement: ParsedStatement): string | undefined {
  return "table" in statement ? statement.table.toLowerCase() : undefined;
}

/** The table SQLite says does not exist, from "no such table: main.x". */
function missingTable(error: string): string | undefined {
  return /no such table: (?:main\.)?(\S+)/.exec(error)?.[1];
}

function sqliteFindings(
  entries: readonly Entry[],
  replay: FileReplay,
  lexErrorLine: number,
  isBaseMissing: (error: string) => boolean,
): ReplayFinding[] {
  const findings: ReplayFinding[] = [];
  let reportedFailure = false;
  for (const verdict of replay.verdicts) {
    if (verdict.error === undefined) continue;
    // Not this file's error: the migration that creates the table is not in the folder.
    if (isBaseMissing(verdict.error)) continue;
    // The lexer already reported an unterminated quote or comment; SQLite's "incomplete input" repeats it.
    if ((entries[verdict.index]?.line ?? 0) >= lexErrorLine) continue;
    const entry = entries[verdict.index];
    if (isSyntaxError(verdict.error)) {
      findings.push({
        index: Math.max(verdict.index, 0),
        rule: "parse-error",
        message: `SQLite rejects this statement: ${verdict.error}`,
        fix: "fix the SQL; D1 runs SQLite, so what SQLite rejects fails on D1 too",
      });
    } else if (!reportedFailure) {
      reportedFailure = true;
      const notNull =
        entry?.parsed.kind === "add-column" &&
        entry.parsed.column.notNull &&
        !entry.parsed.column.hasDefault;
      if (!notNull)
        findings.push({
          index: Math.max(verdict.index, 0),
          rule: "sql-error",
          ...(isTransactionRejection(verdict.error)
            ? transactionAdvice(verdict.error, entries)
            : {
                message: `SQLite rejects this migration even on an empty database: ${verdict.error}`,
                fix: "fix the statement (wrangler d1 migrations apply --local fails the same way)",
              }),
        });
    }
  }
  return findings;
}

function lintFile(
  source: MigrationSource,
  schemaBefore: Schema,
  replayer: Replayer | undefined,
  createdInFolder: (table: string) => boolean,
): { findings: Finding[]; schema: Schema; notes: string[] } {
  const baseMissing = new Set<string>();
  const isBaseMissing = (error: string): boolean => {
    const table = missingTable(error);
    if (table === undefined || createdInFolder(table)) return false;
    baseMissing.add(table);
    return true;
  };
  const lexed = tokenize(source.sql);
  const entries: Entry[] = splitStatements(lexed.tokens).map((statement) => ({
    ...statement,
    parsed: parseStatement(statement),
    text: source.sql.slice(statement.start, statement.end),
  }));
  const parsed: ParsedStatement[] = entries.map((entry) => entry.parsed);
  const replay = replayer?.replayFile(
    entries.map((entry, index) => ({
      index,
      line: entry.line,
      text: entry.text,
      parsed: entry.parsed,
    })),
    source.file,
  );
  const raisedAt: RuleFinding[][] = entries.map(() => []);
  let schema = schemaBefore;
  for (const [index, { parsed: statement, line }] of entries.entries()) {
    const context = { statement, statements: parsed, index, line, schema };
    for (const finding of statementRules.flatMap((rule) => rule(context))) {
      if (replay !== undefined && !keepStatic(finding.rule, statement, replay))
        continue;
      raisedAt[index]?.push(
        replay !== undefined && replayDecidedRules.has(finding.rule)
          ? {
              ...finding,
              message: `${finding.message} (${replay.judged ? `not replayed: ${targetTable(statement) ?? "the table"} had no rows` : "not replayed: SQLite rejects this migration"})`,
            }
          : finding,
      );
    }
    schema = applyStatement(schema, statement);
  }
  if (replay !== undefined) {
    for (const finding of [
      ...replay.findings,
      ...sqliteFindings(
        entries,
        replay,
        lexed.error?.line ?? Infinity,
        isBaseMissing,
      ),
    ]) {
      const entry = entries[finding.index];
      const here = raisedAt[finding.index] ?? [];
      // The static rule already says why this ADD COLUMN fails on a table with rows.
      if (
        finding.rule === "fails-on-data" &&
        here.some((f) => f.rule === "not-null-without-default")
      )
        continue;
      raisedAt[finding.index]?.push({
        line: entry?.line ?? 1,
        rule: finding.rule,
        message: finding.message,
        fix: finding.fix,
      });
    }
  }
  const findings: Finding[] = [];
  for (const [index, { comments }] of entries.entries()) {
    const { allows, findings: directiveFindings } =
      parseAllowComments(comments);
    for (const finding of raisedAt[index] ?? []) {
      const allow = unallowableRules.has(finding.rule)
        ? undefined
        : allows.find((a) => a.rule === finding.rule);
      findings.push({
        ...finding,
        file: source.file,
        ...(allow ? { allowedBecause: allow.reason } : {}),
      });
    }
    for (const finding of directiveFindings)
      findings.push({ ...finding, file: source.file });
  }
  if (lexed.error !== undefined) {
    findings.push({
      file: source.file,
      line: lexed.error.line,
      rule: "parse-error",
      message: `cannot read the file from here on: ${lexed.error.message}`,
      fix: "close the quote or comment that starts on this line",
    });
  }
  const notes = [
    ...(replay?.unseeded ?? []).map((u) =>
      u.column === undefined
        ? `${source.file}: replay could not seed table ${u.table} (${u.reason}); findings about it come from the static rules`
        : `${source.file}: replay could not fill column ${u.table}.${u.column} (${u.reason}); findings about it come from the static rules`,
    ),
    ...[...baseMissing].map(
      (table) =>
        `${source.file}: not replayed — no migration in this folder creates table ${table} (a base migration outside it?); findings come from the static rules`,
    ),
  ];
  return {
    findings: findings.sort(
      (a, b) =>
        a.line - b.line || ruleIds.indexOf(a.rule) - ruleIds.indexOf(b.rule),
    ),
    schema,
    notes,
  };
}

/**
 * With the replay on, the static rules say why and the replay decides whether: a data-loss rule's
 * finding stays only when its table had no rows to replay with; a parse error only when SQLite
 * agrees (SQLite is the parser of record and reports its own errors).
 */
function keepStatic(
  rule: RuleId,
  statement: ParsedStatement,
  replay: FileReplay,
): boolean {
  if (rule === "parse-error") return false;
  if (replay.judged && (rule === "rename-table" || rule === "rename-column"))
    return stillRenamed(statement, replay);
  if (!replayDecidedRules.has(rule) || !replay.judged) return true;
  const table = targetTable(statement);
  if (table === undefined) return false;
  if (replay.emptyAtStart.has(table)) return true;
  // A column the seeder could not fill had no values to lose in the replay: keep the static finding.
  return (
    statement.kind === "drop-column" &&
    replay.unfilled.has(`${table}.${statement.column.toLowerCase()}`)
  );
}

/**
 * A rename breaks the running Worker only if the old name was there before the migration and is
 * gone after it: renaming a table created in the same file, or renaming a column aside and adding
 * it back, leaves the Worker's queries working. So does renaming a column onto a name the table
 * had before the file when the replay shows that name holding the same values after it (a retype
 * by add, copy, drop, rename): the Worker reads it as before.
 */
function stillRenamed(statement: ParsedStatement, replay: FileReplay): boolean {
  if (statement.kind === "rename-table") {
    const old = statement.table.toLowerCase();
    return replay.tablesBefore.has(old) && !replay.columnsAfter.has(old);
  }
  if (statement.kind === "rename-column") {
    const table = statement.table.toLowerCase();
    const after = replay.columnsAfter.get(table);
    if (replay.renamedBack.has(`${table}.${statement.newName.toLowerCase()}`))
      return false;
    return (
      replay.tablesBefore.has(table) &&
      (after === undefined || !after.has(statement.column.toLowerCase()))
    );
  }
  return true;
}

/** Whether any of the migrations creates (or renames something to) the table, by its SQL text. */
function tableCreator(
  sources: readonly MigrationSource[],
): (table: string) => boolean {
  const text = sources.map((s) => s.sql).join("\n");
  return (table) => {
    const name = table
      .replace(/^["`[]|["`\]]$/g, "")
      .replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(
      `(CREATE\\s+(?:VIRTUAL\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?|RENAME\\s+TO\\s+)["\`[]?${name}\\b`,
      "i",
    ).test(text);
  };
}

/** Lints migrations in apply order, replaying each on SQLite after the ones before it. */
export function lintMigrations(
  sources: readonly MigrationSource[],
  options: LintOptions = {},
): LintResult {
  const replayer = options.replay === false ? undefined : new Replayer();
  try {
    if (replayer !== undefined && options.seedFromSql !== undefined) {
      try {
        replayer.loadExport(options.seedFromSql);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new InputError(
          `--seed-from: SQLite cannot load the export (${reason}) — pass the file "wrangler d1 export" wrote, unchanged`,
        );
      }
    }
    const findings: Finding[] = [];
    const notes: string[] = [];
    let pending = sources;
    if (replayer !== undefined && options.seedFromSql !== undefined) {
      // The export already holds what wrangler applied; replay only what is still to come.
      const applied = replayer.appliedMigrations();
      // wrangler records names relative to migrations_dir (nested layouts include the folder).
      const isApplied = (file: string) =>
        applied.has(basename(file)) ||
        [...applied].some((name) => file.endsWith(`/${name}`));
      pending = sources.filter((s) => !isApplied(s.file));
      if (pending.length < sources.length)
        notes.push(
          `${sources.length - pending.length} migration(s) already applied in the export (d1_migrations) were not replayed`,
        );
    }
    const createdInFolder = tableCreator(sources);
    let current = emptySchema;
    for (const source of pending) {
      const result = lintFile(source, current, replayer, createdInFolder);
      findings.push(...result.findings);
      notes.push(...result.notes);
      current = result.schema;
    }
    return { findings, schema: current, notes };
  } finally {
    replayer?.close();
  }
}

export function failing(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => finding.allowedBecause === undefined);
}
