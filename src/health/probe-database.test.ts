import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPlatformProxy, type PlatformProxy } from "wrangler";
import { probeDatabase } from "./probe-database";

// A real local D1 (workerd via wrangler), in memory so runs never share state.
let proxy: PlatformProxy<{ DB: D1Database }>;

beforeAll(async () => {
  proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: "wrangler.jsonc",
    persist: false,
  });
});

afterAll(async () => {
  await proxy?.dispose();
});

describe("probeDatabase", () => {
  it("treats a missing d1_migrations table as reachable with nothing applied", async () => {
    expect(await probeDatabase(proxy.env.DB)).toEqual({
      reachable: true,
      appliedMigrations: [],
    });
  });

  it("reports a real D1 error (wrong table shape) as unreachable, with the message", async () => {
    await proxy.env.DB.exec("CREATE TABLE d1_migrations (id INTEGER)");
    const probe = await probeDatabase(proxy.env.DB);
    expect(probe.reachable).toBe(false);
    expect(probe).toMatchObject({
      error: expect.stringMatching(/no such column: name/),
    });
    await proxy.env.DB.exec("DROP TABLE d1_migrations");
  });

  it("lists applied migrations in the order wrangler applied them (by id)", async () => {
    // Same shape as the table `wrangler d1 migrations apply` creates.
    await proxy.env.DB.exec(
      "CREATE TABLE d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)",
    );
    await proxy.env.DB.prepare(
      "INSERT INTO d1_migrations (id, name) VALUES (2, '0000_a.sql'), (1, '0001_b.sql'), (3, '0002_c.sql')",
    ).run();
    expect(await probeDatabase(proxy.env.DB)).toEqual({
      reachable: true,
      appliedMigrations: ["0001_b.sql", "0000_a.sql", "0002_c.sql"],
    });
  });

  it("reports a non-Error throw as its string", async () => {
    // The only stand-in here: workerd always throws Error objects.
    const failing = {
      prepare: () => {
        throw "boom";
      },
    } as unknown as D1Database;
    expect(await probeDatabase(failing)).toEqual({
      reachable: false,
      error: "boom",
    });
  });
});
