import { describe, expect, it } from "vitest";
import type { HealthResponse } from "./health-contract";
import { evaluateHealth } from "./evaluate-health";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const OTHER = "fedcba9876543210fedcba9876543210fedcba98";

function body(
  overrides: Partial<HealthResponse> = {},
  database: Partial<HealthResponse["database"]> = {},
): string {
  return JSON.stringify({
    status: "ok",
    version: SHA,
    checkedAt: "2026-11-25T14:00:00.000Z",
    ...overrides,
    database: {
      reachable: true,
      latestMigration: "0000_create_notes",
      pendingMigrations: [],
      ...database,
    },
  });
}

describe("evaluateHealth", () => {
  it("accepts a healthy response of the expected version", () => {
    const verdict = evaluateHealth(
      { status: 200, body: body() },
      { version: SHA },
    );
    expect(verdict).toMatchObject({ ok: true, health: { version: SHA } });
  });

  it("accepts any version when none is expected", () => {
    expect(
      evaluateHealth({ status: 200, body: body({ version: "dev" }) }, {}).ok,
    ).toBe(true);
  });

  it("names a wrong version by short SHA", () => {
    expect(
      evaluateHealth(
        { status: 200, body: body({ version: OTHER }) },
        { version: SHA },
      ),
    ).toMatchObject({
      ok: false,
      reason:
        "version is fedcba987654, expected 0123456789ab — another build is serving (not promoted yet, or rolled back)",
    });
  });

  it("explains an unreachable database with its error", () => {
    const answer = {
      status: 503,
      body: body(
        { status: "error" },
        { reachable: false, error: "D1_ERROR: no such table" },
      ),
    };
    expect(evaluateHealth(answer, { version: SHA })).toMatchObject({
      ok: false,
      reason: "HTTP 503: database unreachable: D1_ERROR: no such table",
    });
  });

  it("lists pending migrations", () => {
    const answer = {
      status: 503,
      body: body(
        { status: "error" },
        { pendingMigrations: ["0001_add_tags", "0002_x"] },
      ),
    };
    expect(evaluateHealth(answer, {})).toMatchObject({
      ok: false,
      reason:
        "HTTP 503: 2 pending migration(s): 0001_add_tags, 0002_x — run deploy:migrate first",
    });
  });

  it("rejects status error even with a reachable database", () => {
    expect(
      evaluateHealth({ status: 503, body: body({ status: "error" }) }, {}),
    ).toMatchObject({ ok: false, reason: 'HTTP 503: status is "error"' });
  });

  it("rejects a non-200 code that claims to be ok", () => {
    expect(evaluateHealth({ status: 500, body: body() }, {})).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^HTTP 500 although status is "ok"/),
    });
  });

  it("rejects non-JSON bodies with a snippet", () => {
    expect(
      evaluateHealth(
        { status: 502, body: "<html>\n  Bad gateway\n</html>" },
        {},
      ),
    ).toMatchObject({
      ok: false,
      reason:
        'HTTP 502: body is not JSON ("<html> Bad gateway </html>") — is /api/health routed to the app?',
    });
  });

  it("rejects bodies that break the schema, naming the field", () => {
    const broken = JSON.stringify({
      status: "ok",
      version: SHA,
      checkedAt: "2026-11-25T14:00:00.000Z",
      database: { reachable: "yes" },
    });
    expect(evaluateHealth({ status: 200, body: broken }, {})).toMatchObject({
      ok: false,
      reason: expect.stringMatching(
        /^HTTP 200: body does not match healthResponseSchema at database\.reachable: /,
      ),
    });
  });

  it("trims and truncates long non-JSON bodies to 80 characters", () => {
    const long = `  ${"x".repeat(100)}  `;
    expect(evaluateHealth({ status: 502, body: long }, {})).toMatchObject({
      reason: `HTTP 502: body is not JSON ("${"x".repeat(77)}…") — is /api/health routed to the app?`,
    });
    const exact = "y".repeat(80);
    expect(
      evaluateHealth({ status: 502, body: ` ${exact} ` }, {}),
    ).toMatchObject({ reason: expect.stringContaining(`("${exact}")`) });
  });

  it("shortens only full SHAs", () => {
    const verdict = (version: string) =>
      evaluateHealth(
        { status: 200, body: body({ version }) },
        { version: "dev" },
      );
    expect(verdict(`${OTHER}0`)).toMatchObject({
      reason: expect.stringMatching(
        new RegExp(`^version is ${OTHER}0, expected dev`),
      ),
    });
    expect(verdict(`g${OTHER}`)).toMatchObject({
      reason: expect.stringMatching(
        new RegExp(`^version is g${OTHER}, expected dev`),
      ),
    });
  });

  it("names the root when the body is not an object", () => {
    expect(evaluateHealth({ status: 200, body: "[]" }, {})).toMatchObject({
      reason: expect.stringMatching(
        /^HTTP 200: body does not match healthResponseSchema at \(root\): \S/,
      ),
    });
  });

  it("keeps reasons exact when the database gives no error text", () => {
    expect(
      evaluateHealth(
        { status: 503, body: body({ status: "error" }, { reachable: false }) },
        {},
      ),
    ).toMatchObject({ reason: "HTTP 503: database unreachable" });
    expect(
      evaluateHealth(
        {
          status: 503,
          body: body({ status: "error" }, { error: "D1 timeout" }),
        },
        {},
      ),
    ).toMatchObject({ reason: 'HTTP 503: status is "error": D1 timeout' });
  });
});
