import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { APPLIED_MIGRATIONS_SQL } from "../cloudflare";
import {
  READ_LEDGER_SQL,
  readLedgerRows,
  recordAppliedStatements,
  recordRestoreStatements,
  writeLedgerSql,
  type LedgerEntry,
} from "./ledger";

/** d1_migrations as wrangler creates it, holding `names` in apply order. */
function database(names: readonly string[]): DatabaseSync {
  const db = new DatabaseSync(":memory:");
  db.exec(
    "CREATE TABLE d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)",
  );
  for (const name of names)
    db.prepare("INSERT INTO d1_migrations (name) VALUES (?)").run(name);
  return db;
}

describe("recordAppliedStatements (run in SQLite, as D1 runs the batch)", () => {
  it("records the landed migrations in apply order, then the re-accepted ones, and reads d1_migrations back", () => {
    const db = database(["0000_a.sql", "0002_c.sql", "0001_b.sql"]);
    const statements = recordAppliedStatements(
      ["0000_a.sql"],
      {
        at: "2026-12-05T00:00:00.000Z",
        bookmark: "bm-1",
        reapply: {
          migrations: ["0001_b.sql", "0000_a.sql"],
          reason: "it's safe; checked",
        },
      },
      APPLIED_MIGRATIONS_SQL,
    );
    const last = statements
      .map((sql) => db.prepare(sql).all())
      .at(-1)
      ?.map((row) => row["name"]);
    expect(last).toEqual(["0000_a.sql", "0002_c.sql", "0001_b.sql"]);
    expect(readLedgerRows(db.prepare(READ_LEDGER_SQL).all())).toEqual([
      {
        id: 1,
        at: "2026-12-05T00:00:00.000Z",
        kind: "applied",
        migration: "0002_c.sql",
        bookmark: "bm-1",
      },
      {
        id: 2,
        at: "2026-12-05T00:00:00.000Z",
        kind: "applied",
        migration: "0001_b.sql",
        bookmark: "bm-1",
      },
      // 0000_a.sql was applied before the run: re-accepting it recorded nothing.
      {
        id: 3,
        at: "2026-12-05T00:00:00.000Z",
        kind: "reapply",
        migration: "0001_b.sql",
        reason: "it's safe; checked",
      },
    ]);
  });

  it("records every migration when none was applied before (a first deploy)", () => {
    const db = database(["0000_a.sql"]);
    for (const sql of recordAppliedStatements(
      [],
      { at: "t", bookmark: "bm" },
      APPLIED_MIGRATIONS_SQL,
    ))
      db.prepare(sql).all();
    expect(
      readLedgerRows(db.prepare(READ_LEDGER_SQL).all()).map((e) =>
        e.kind === "applied" ? e.migration : e.kind,
      ),
    ).toEqual(["0000_a.sql"]);
  });
});

describe("recordRestoreStatements (run in SQLite, as D1 runs the batch)", () => {
  it("writes back the rows the restore took away, records what it undid, and reads d1_migrations back", () => {
    // Before the restore: a and b applied, both in the ledger; the restore (to before b) took
    // b's d1_migrations row and its ledger row away.
    const db = database(["0000_a.sql"]);
    db.exec(
      writeLedgerSql([
        {
          at: "t0",
          kind: "applied",
          migration: "0000_a.sql",
          bookmark: "bm-a",
        },
      ]),
    );
    const ledgerBefore: LedgerEntry[] = [
      {
        id: 1,
        at: "t0",
        kind: "applied",
        migration: "0000_a.sql",
        bookmark: "bm-a",
      },
      {
        id: 2,
        at: "t1",
        kind: "applied",
        migration: "0001_b.sql",
        bookmark: "bm-b",
      },
    ];
    const last = recordRestoreStatements(
      ledgerBefore,
      ["0000_a.sql", "0001_b.sql"],
      { at: "t2", bookmark: "bm-b", reason: "b deleted 'notes'; drill" },
      APPLIED_MIGRATIONS_SQL,
    )
      .map((sql) => db.prepare(sql).all())
      .at(-1)
      ?.map((row) => row["name"]);
    expect(last).toEqual(["0000_a.sql"]);
    expect(readLedgerRows(db.prepare(READ_LEDGER_SQL).all())).toEqual([
      ...ledgerBefore,
      {
        id: 3,
        at: "t2",
        kind: "restore",
        bookmark: "bm-b",
        undone: ["0001_b.sql"],
        reason: "b deleted 'notes'; drill",
      },
    ]);
  });
});
