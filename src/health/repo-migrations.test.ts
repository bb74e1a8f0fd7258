import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { migrationNamesFromJournal, repoMigrations } from "./repo-migrations";

const migrationsDir = fileURLToPath(
  new URL("../../drizzle/migrations", import.meta.url),
);

describe("repoMigrations", () => {
  it("matches the *.sql files wrangler will apply (run `npm run db:generate`, or `drizzle-kit generate --custom` for hand-written SQL, if this fails)", () => {
    // wrangler applies files in name order; the journal must list the same set in the same order.
    const onDisk = readdirSync(migrationsDir)
      .filter((name) => name.endsWith(".sql"))
      .sort();
    expect(onDisk.length).toBeGreaterThan(0);
    expect([...repoMigrations]).toEqual(onDisk);
  });

  it("orders journal entries by idx and appends .sql", () => {
    expect(
      migrationNamesFromJournal({
        entries: [
          { idx: 1, tag: "0001_b" },
          { idx: 0, tag: "0000_a" },
        ],
      }),
    ).toEqual(["0000_a.sql", "0001_b.sql"]);
  });
});
