import { afterEach, describe, expect, it } from "vitest";
import {
  answer,
  hang,
  healthBody,
  startHealthServer,
  type HealthServer,
} from "./scripted-health-server";
import {
  describePoll,
  healthUrl,
  pollHealth,
  versionOverrideHeader,
} from "./health-poll";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const OLD = "fedcba9876543210fedcba9876543210fedcba98";

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const fast = { requestTimeoutMs: 400, initialBackoffMs: 50, maxBackoffMs: 200 };

describe("healthUrl", () => {
  it("appends /api/health to a base URL and keeps an explicit path", () => {
    expect(healthUrl("https://x.workers.dev")).toBe(
      "https://x.workers.dev/api/health",
    );
    expect(healthUrl("http://127.0.0.1:1/custom")).toBe(
      "http://127.0.0.1:1/custom",
    );
  });
});

describe("pollHealth against real local servers", () => {
  it("retries through 503s until the new version is healthy", async () => {
    server = await startHealthServer((req, res, n) =>
      n < 3
        ? answer(503, healthBody(SHA, "error", false))(req, res, n)
        : answer(200, healthBody(SHA))(req, res, n),
    );
    const result = await pollHealth({
      url: server.url,
      expected: { version: SHA },
      deadlineMs: 8000,
      ...fast,
      // Counting attempts needs every request answered: on a loaded machine a 400 ms timeout
      // adds an attempt that the server never saw.
      requestTimeoutMs: 3000,
    });
    expect(result).toMatchObject({
      ok: true,
      attempts: 3,
      health: { version: SHA },
    });
    expect(describePoll(result)).toMatch(
      /^healthy: http:\/\/127\.0\.0\.1:\d+\/api\/health reports version 0123/,
    );
  });

  it("fails a server that keeps answering 503 within its deadline, with the reason", async () => {
    server = await startHealthServer(
      answer(503, healthBody(SHA, "error", false)),
    );
    const result = await pollHealth({
      url: server.url,
      expected: { version: SHA },
      deadlineMs: 1500,
      ...fast,
    });
    expect(result.ok).toBe(false);
    expect(result.reason).toBe(
      "HTTP 503: database unreachable: D1 unavailable",
    );
    expect(result.attempts).toBeGreaterThan(2);
    expect(result.elapsedMs).toBeLessThan(1500 + 300);
  });

  it("detects a wrong version within the deadline", async () => {
    server = await startHealthServer(answer(200, healthBody(OLD)));
    const result = await pollHealth({
      url: server.url,
      expected: { version: SHA },
      deadlineMs: 1500,
      ...fast,
    });
    expect(result).toMatchObject({
      ok: false,
      reason: expect.stringMatching(
        /^version is fedcba987654, expected 0123456789ab/,
      ),
    });
    expect(result.elapsedMs).toBeLessThan(1500 + 300);
    expect(describePoll(result)).toMatch(
      /^unhealthy: .*version is fedcba987654.* attempt\(s\) in 1\.\ds\)$/,
    );
  });

  it("ends hanging requests by the per-request timeout and still honours the deadline", async () => {
    server = await startHealthServer(hang);
    const result = await pollHealth({
      url: server.url,
      expected: {},
      deadlineMs: 1200,
      ...fast,
    });
    expect(result).toMatchObject({
      ok: false,
      reason: expect.stringMatching(
        /^no response within 0\.\ds \(request timeout\)$/,
      ),
    });
    expect(result.attempts).toBeGreaterThanOrEqual(2);
    expect(result.elapsedMs).toBeLessThan(1200 + 300);
  });

  it("reports a refused connection", async () => {
    const closed = await startHealthServer(hang);
    const url = closed.url;
    await closed.close();
    const result = await pollHealth({
      url,
      expected: {},
      deadlineMs: 300,
      ...fast,
    });
    expect(result).toMatchObject({
      ok: false,
      reason: "request failed: ECONNREFUSED",
    });
  });

  it("sends the version-override header for pre-promotion checks", async () => {
    server = await startHealthServer(answer(200, healthBody(SHA)));
    const headers = versionOverrideHeader(
      "typed-cicd-next-d1-staging",
      "4e8d2c1a-5b6f-4a3e-9c8d-7b6a5f4e3d2c",
    );
    await pollHealth({
      url: server.url,
      expected: { version: SHA },
      deadlineMs: 2000,
      headers,
      ...fast,
    });
    expect(
      server.requests[0]?.headers["cloudflare-workers-version-overrides"],
    ).toBe('typed-cicd-next-d1-staging="4e8d2c1a-5b6f-4a3e-9c8d-7b6a5f4e3d2c"');
  });
});
