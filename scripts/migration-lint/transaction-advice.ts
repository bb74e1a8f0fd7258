import type { ParsedStatement } from "./parsed-statement";

const offValues = /^(?:OFF|0|FALSE|NO)$/i;

/** True when the file sets `PRAGMA foreign_keys = OFF` (any spelling SQLite reads as off). */
function turnsForeignKeysOff(
  statements: readonly {
    readonly parsed: ParsedStatement;
    readonly text: string;
  }[],
): boolean {
  return statements.some(
    ({ parsed, text }) =>
      parsed.kind === "pragma" &&
      parsed.name === "foreign_keys" &&
      offValues.test(/=\s*['"]?(\w+)/.exec(text)?.[1] ?? ""),
  );
}

/**
 * What to say about a file D1 refuses for its transaction statements. Most such files are
 * drizzle-kit's better-sqlite3 escape — `COMMIT; PRAGMA foreign_keys = OFF; BEGIN;` around a
 * rebuild — which works only outside a transaction: D1 runs the whole file as one, where SQLite
 * ignores `PRAGMA foreign_keys`, so even without the refusal the escape would do nothing there.
 * `PRAGMA defer_foreign_keys = ON` is what D1 honours inside the transaction.
 */
export function transactionAdvice(
  error: string,
  statements: readonly {
    readonly parsed: ParsedStatement;
    readonly text: string;
  }[],
): { message: string; fix: string } {
  if (!turnsForeignKeysOff(statements))
    return {
      message: `${error}, so wrangler d1 migrations apply fails`,
      fix: "remove the transaction statements; each migration file already is one transaction",
    };
  return {
    message: `${error}, so wrangler d1 migrations apply fails; its COMMIT / PRAGMA foreign_keys = OFF / BEGIN is the escape a migrator outside D1 (drizzle's better-sqlite3) needs to turn foreign keys off, and on D1 it cannot work: the file is one transaction, inside which SQLite ignores PRAGMA foreign_keys`,
    fix: "delete the COMMIT/BEGIN TRANSACTION statements and both PRAGMA foreign_keys lines, and start the file with PRAGMA defer_foreign_keys = ON (D1 then checks foreign keys at the file's COMMIT); it does not stop ON DELETE CASCADE/SET NULL, so copy the child rows aside before dropping a parent and restore them after the rename",
  };
}
