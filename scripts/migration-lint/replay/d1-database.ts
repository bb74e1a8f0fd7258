import { DatabaseSync } from "node:sqlite";

/**
 * A scratch database that runs SQL as D1 does: foreign keys enforced, and double-quoted string
 * literals accepted (D1 and workerd build SQLite with DQS on, so drizzle-kit's `DEFAULT "x"` is the
 * text x there — Node's default turns it into an error). In memory for the gate's replay; a file for
 * the Cloudflare double's databases.
 */
export function openD1Database(location = ":memory:"): DatabaseSync {
  return new DatabaseSync(location, {
    enableForeignKeyConstraints: true,
    enableDoubleQuotedStringLiterals: true,
  });
}
