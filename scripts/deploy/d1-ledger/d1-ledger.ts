/** The ledger read and written through the Cloudflare client (the remote D1 of an environment). */
import {
  APPLIED_MIGRATIONS_SQL,
  CloudflareError,
  type CloudflareClient,
} from "../cloudflare";
import { REMOTE, type WranglerScope } from "../wrangler-args";
import {
  LEDGER_TABLE,
  READ_LEDGER_SQL,
  readLedgerRows,
  recordAppliedStatements,
  recordRestoreStatements,
  writeLedgerSql,
  type LedgerEntry,
  type NewLedgerEntry,
} from "./ledger";

const missingTable = (error: unknown, table: string): boolean =>
  error instanceof CloudflareError &&
  [error.failure.text, ...error.notes]
    .join("\n")
    .includes(`no such table: ${table}`);

export async function readLedger(
  cloudflare: CloudflareClient,
  scope: WranglerScope,
): Promise<LedgerEntry[]> {
  try {
    return readLedgerRows(
      await cloudflare.query(scope, REMOTE, READ_LEDGER_SQL),
    );
  } catch (error) {
    // Nothing recorded yet: the first run that applies a migration creates the table.
    if (missingTable(error, LEDGER_TABLE)) return [];
    throw error;
  }
}

export interface MigrationRecord {
  /** Names in d1_migrations, in apply order. */
  readonly applied: string[];
  readonly ledger: LedgerEntry[];
}

/**
 * d1_migrations and the ledger in one `d1 execute` (one D1 batch, one wrangler call). The batch
 * fails whole when a table is missing — a first deploy, a database restored to before its first
 * migration, a ledger not written yet — and D1 names the first missing table: that one reads as
 * empty and the other is read alone. A Cloudflare failure is thrown as is (the same error a
 * single read gives); an answer this code cannot read reads both alone.
 */
export async function readMigrationRecord(
  cloudflare: CloudflareClient,
  scope: WranglerScope,
): Promise<MigrationRecord> {
  try {
    const [applied = [], ledger = []] = await cloudflare.queries(
      scope,
      REMOTE,
      [APPLIED_MIGRATIONS_SQL, READ_LEDGER_SQL],
    );
    return {
      applied: applied.map((row) => String(row["name"])),
      ledger: readLedgerRows(ledger),
    };
  } catch (error) {
    if (missingTable(error, "d1_migrations"))
      return { applied: [], ledger: await readLedger(cloudflare, scope) };
    if (missingTable(error, LEDGER_TABLE))
      return {
        applied: await cloudflare.appliedMigrations(scope, REMOTE),
        ledger: [],
      };
    // Cloudflare refused the call itself (a bad token, an unknown database): a single read would
    // fail with the same "wrangler d1 execute failed" message, so this one stands for it.
    if (error instanceof CloudflareError) throw error;
    return {
      applied: await cloudflare.appliedMigrations(scope, REMOTE),
      ledger: await readLedger(cloudflare, scope),
    };
  }
}

/**
 * D1 refuses a statement longer than 100 KB (its limits page). The batches below name every
 * applied migration or carry every ledger row, which the single calls they replace did not: past
 * this size a caller takes the single calls instead (a long-lived database, never the usual case).
 */
const BATCH_STATEMENT_BYTES = 64_000;
const fits = (statements: readonly string[]) =>
  statements.every((sql) => Buffer.byteLength(sql) <= BATCH_STATEMENT_BYTES);

export async function writeLedger(
  cloudflare: CloudflareClient,
  scope: WranglerScope,
  entries: readonly (NewLedgerEntry | LedgerEntry)[],
): Promise<void> {
  await cloudflare.query(scope, REMOTE, writeLedgerSql(entries));
}

/**
 * Records what a migrate run applied (see recordAppliedStatements) and returns d1_migrations as
 * it is now, in one wrangler call. Throws when the batch failed: then nothing was recorded;
 * undefined when the batch would be too long for D1 (nothing sent).
 */
export async function recordApplied(
  cloudflare: CloudflareClient,
  scope: WranglerScope,
  before: readonly string[],
  run: Parameters<typeof recordAppliedStatements>[1],
): Promise<string[] | undefined> {
  const statements = recordAppliedStatements(
    before,
    run,
    APPLIED_MIGRATIONS_SQL,
  );
  if (!fits(statements)) return undefined;
  const results = await cloudflare.queries(scope, REMOTE, statements);
  return (results.at(-1) ?? []).map((row) => String(row["name"]));
}

/**
 * Records a restore (see recordRestoreStatements) and returns d1_migrations as it is after it, in
 * one wrangler call. Throws when the batch failed — d1_migrations gone with a restore to before
 * the first migration, or any API error — and then nothing was recorded; undefined when the
 * batch would be too long for D1 (nothing sent).
 */
export async function recordRestore(
  cloudflare: CloudflareClient,
  scope: WranglerScope,
  before: MigrationRecord,
  restore: Parameters<typeof recordRestoreStatements>[2],
): Promise<string[] | undefined> {
  const statements = recordRestoreStatements(
    before.ledger,
    before.applied,
    restore,
    APPLIED_MIGRATIONS_SQL,
  );
  if (!fits(statements)) return undefined;
  const results = await cloudflare.queries(scope, REMOTE, statements);
  return (results.at(-1) ?? []).map((row) => String(row["name"]));
}
