import { describe, expect, it } from "vitest";
import { buildHealthResponse } from "./build-health-response";
import { healthResponseSchema } from "./health-response";

const now = new Date("2026-11-25T12:00:00.000Z");
const repo = ["0000_a.sql", "0001_b.sql", "0002_c.sql"];

describe("buildHealthResponse", () => {
  it("is 200/ok when every repo migration is applied", () => {
    const result = buildHealthResponse({
      version: "abc123",
      database: { reachable: true, appliedMigrations: repo },
      repoMigrations: repo,
      now,
    });
    expect(result).toEqual({
      httpStatus: 200,
      body: {
        status: "ok",
        version: "abc123",
        database: {
          reachable: true,
          latestMigration: "0002_c.sql",
          pendingMigrations: [],
        },
        checkedAt: "2026-11-25T12:00:00.000Z",
      },
    });
    expect(healthResponseSchema.parse(result.body)).toEqual(result.body);
  });

  it("is 503/error and lists pending migrations in repo order", () => {
    const result = buildHealthResponse({
      version: "abc123",
      database: { reachable: true, appliedMigrations: ["0000_a.sql"] },
      repoMigrations: repo,
      now,
    });
    expect(result.httpStatus).toBe(503);
    expect(result.body.status).toBe("error");
    expect(result.body.database).toEqual({
      reachable: true,
      latestMigration: "0000_a.sql",
      pendingMigrations: ["0001_b.sql", "0002_c.sql"],
    });
  });

  it("detects a gap, not only a missing tail", () => {
    const result = buildHealthResponse({
      version: "v",
      database: {
        reachable: true,
        appliedMigrations: ["0000_a.sql", "0002_c.sql"],
      },
      repoMigrations: repo,
      now,
    });
    expect(result.httpStatus).toBe(503);
    expect(result.body.database.pendingMigrations).toEqual(["0001_b.sql"]);
    expect(result.body.database.latestMigration).toBe("0002_c.sql");
  });

  it("reports latestMigration null and everything pending on an empty database", () => {
    const result = buildHealthResponse({
      version: "v",
      database: { reachable: true, appliedMigrations: [] },
      repoMigrations: repo,
      now,
    });
    expect(result.httpStatus).toBe(503);
    expect(result.body.database.latestMigration).toBeNull();
    expect(result.body.database.pendingMigrations).toEqual(repo);
  });

  it("stays healthy when the database is ahead of this build (code rollback)", () => {
    const result = buildHealthResponse({
      version: "old",
      database: {
        reachable: true,
        appliedMigrations: [...repo, "0003_d.sql"],
      },
      repoMigrations: repo,
      now,
    });
    expect(result.httpStatus).toBe(200);
    expect(result.body.status).toBe("ok");
    expect(result.body.database.latestMigration).toBe("0003_d.sql");
  });

  it("is 200 with no migrations at all", () => {
    const result = buildHealthResponse({
      version: "v",
      database: { reachable: true, appliedMigrations: [] },
      repoMigrations: [],
      now,
    });
    expect(result.httpStatus).toBe(200);
    expect(result.body.database.latestMigration).toBeNull();
  });

  it("is 503 with the error when the database is unreachable", () => {
    const result = buildHealthResponse({
      version: "abc123",
      database: { reachable: false, error: "D1_ERROR: boom" },
      repoMigrations: repo,
      now,
    });
    expect(result).toEqual({
      httpStatus: 503,
      body: {
        status: "error",
        version: "abc123",
        database: {
          reachable: false,
          latestMigration: null,
          pendingMigrations: repo,
          error: "D1_ERROR: boom",
        },
        checkedAt: "2026-11-25T12:00:00.000Z",
      },
    });
    expect(healthResponseSchema.parse(result.body)).toEqual(result.body);
  });

  it.each(["", "   "])("falls back to version 'dev' for %j", (version) => {
    const result = buildHealthResponse({
      version,
      database: { reachable: true, appliedMigrations: [] },
      repoMigrations: [],
      now,
    });
    expect(result.body.version).toBe("dev");
  });

  it("trims the version", () => {
    const result = buildHealthResponse({
      version: " abc \n",
      database: { reachable: true, appliedMigrations: [] },
      repoMigrations: [],
      now,
    });
    expect(result.body.version).toBe("abc");
  });

  it("does not let callers mutate the input list through the body", () => {
    const repoCopy = [...repo];
    const result = buildHealthResponse({
      version: "v",
      database: { reachable: false, error: "x" },
      repoMigrations: repoCopy,
      now,
    });
    result.body.database.pendingMigrations.push("zzz");
    expect(repoCopy).toEqual(repo);
  });
});

describe("healthResponseSchema", () => {
  it("rejects an unknown status and a non-ISO checkedAt", () => {
    const body = {
      status: "degraded",
      version: "v",
      database: {
        reachable: true,
        latestMigration: null,
        pendingMigrations: [],
      },
      checkedAt: "yesterday",
    };
    const result = healthResponseSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual([
      "status",
      "checkedAt",
    ]);
  });
});
