import type { DatabaseSync } from "node:sqlite";
import type { ParsedStatement } from "../parsed-statement";

export interface TrialStatement {
  readonly index: number;
  readonly text: string;
  readonly parsed: ParsedStatement;
}

/** The statement a trial failed at, with SQLite's error. */
export interface TrialFailure {
  readonly index: number;
  readonly error: string;
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * The shape every trial shares: `plant` writes into the seeded rows a value production can hold
 * that generated rows lack (a repeated value, a NULL), then the file runs — all in a transaction
 * rolled back afterwards, so the replay proper meets the rows as they were. Returns where the file
 * failed with an error `expected` matches; undefined when the schema before the file refuses the
 * planted value (production cannot hold it either, so nothing is reported), when the file passes,
 * or when it fails for another reason (the replay proper reports that).
 */
export function runTrial(
  db: DatabaseSync,
  statements: readonly TrialStatement[],
  plant: () => void,
  expected: RegExp,
): TrialFailure | undefined {
  db.exec("BEGIN");
  try {
    try {
      plant();
    } catch {
      return undefined;
    }
    for (const statement of statements) {
      try {
        db.exec(statement.text);
      } catch (error) {
        const message = messageOf(error);
        return expected.test(message)
          ? { index: statement.index, error: message }
          : undefined;
      }
    }
    return undefined;
  } finally {
    if (db.isTransaction) db.exec("ROLLBACK");
  }
}
