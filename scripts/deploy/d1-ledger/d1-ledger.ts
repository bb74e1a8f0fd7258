/** The ledger read and written through the Cloudflare client (the remote D1 of an environment). */
import { CloudflareError, type CloudflareClient } from "../cloudflare";
import { REMOTE, type WranglerScope } from "../wrangler-args";
import {
  LEDGER_TABLE,
  READ_LEDGER_SQL,
  readLedgerRows,
  writeLedgerSql,
  type LedgerEntry,
  type NewLedgerEntry,
} from "./ledger";

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
    if (
      error instanceof CloudflareError &&
      [error.failure.text, ...error.notes]
        .join("\n")
        .includes(`no such table: ${LEDGER_TABLE}`)
    )
      return [];
    throw error;
  }
}

export async function writeLedger(
  cloudflare: CloudflareClient,
  scope: WranglerScope,
  entries: readonly (NewLedgerEntry | LedgerEntry)[],
): Promise<void> {
  await cloudflare.query(scope, REMOTE, writeLedgerSql(entries));
}
