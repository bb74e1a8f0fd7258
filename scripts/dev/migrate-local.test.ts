import { describe, expect, it } from "vitest";
import {
  appliedMigrations,
  describeLocalMigrate,
  migrateLocal,
} from "./migrate-local";
import type { Wrangler, WranglerRun } from "../deploy/wrangler";

const table = `┌───────────────────────┬────────┐
│ name                  │ status │
├───────────────────────┼────────┤
│ 0000_create_notes.sql │ ✅     │
│ 0001_add_mood.sql     │ ✅     │
└───────────────────────┴────────┘`;

function recorder(result: Partial<WranglerRun>): {
  wrangler: Wrangler;
  calls: (readonly string[])[];
} {
  const calls: (readonly string[])[] = [];
  const wrangler: Wrangler = async (args) => {
    calls.push(args);
    return {
      code: 0,
      stdout: "",
      stderr: "",
      durationMs: 1,
      timedOut: false,
      entries: [],
      args,
      ...result,
    };
  };
  return { wrangler, calls };
}

describe("migrateLocal", () => {
  it("applies with the pipeline's argv builder, local and optionally persisted elsewhere", async () => {
    const { wrangler, calls } = recorder({ stdout: table });
    const result = await migrateLocal(wrangler, "/tmp/x");
    expect(calls).toEqual([
      ["d1", "migrations", "apply", "DB", "--local", "--persist-to", "/tmp/x"],
    ]);
    expect(result.applied).toEqual([
      "0000_create_notes.sql",
      "0001_add_mood.sql",
    ]);
  });

  it("fails with wrangler's own reason", async () => {
    const { wrangler } = recorder({
      code: 1,
      stderr: '✘ [ERROR] near "TABL": syntax error at offset 0: SQLITE_ERROR\n',
    });
    await expect(migrateLocal(wrangler)).rejects.toThrow(
      /wrangler d1 migrations apply failed \(exit 1\): .*syntax error/,
    );
  });
});

describe("appliedMigrations / describeLocalMigrate", () => {
  it("names each migration once although wrangler reprints the table per migration", () => {
    const pending = table.replaceAll("✅", "🕒");
    const half = table.replace(
      "0001_add_mood.sql     │ ✅",
      "0001_add_mood.sql     │ 🕒",
    );
    expect(appliedMigrations(`${pending}\n${half}\n${table}`)).toEqual([
      "0000_create_notes.sql",
      "0001_add_mood.sql",
    ]);
  });

  it("reads nothing from wrangler's no-op answer", () => {
    expect(appliedMigrations("✅ No migrations to apply!")).toEqual([]);
    expect(describeLocalMigrate({ applied: [] })).toBe(
      "db:migrate:local: local D1 (.wrangler/state) is up to date",
    );
  });
});
