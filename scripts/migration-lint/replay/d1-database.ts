import { DatabaseSync } from "node:sqlite";

/**
 * A scratch database that runs SQL as D1 does: foreign keys enforced, and double-quoted string
 * literals accepted (D1 and workerd build SQLite with DQS on, so drizzle-kit's `DEFAULT "x"` is the
 * text x there — Node's default turns it into an error).
 */
export function openD1Database(): DatabaseSync {
  return new DatabaseSync(":memory:", {
    enableForeignKeyConstraints: true,
    enableDoubleQuotedStringLiterals: true,
  });
}
