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
import { virtualClock } from "./virtual-clock";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const OLD = "fedcba9876543210fedcba9876543210fedcba98";

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// Real servers, virtual time: deadlines pass as the poll sleeps (virtual-clock.ts), so the attempts
// are exact on any machine; each real request gets a generous 5 s.
const fast = {
  requestTimeoutMs: 5000,
  initialBackoffMs: 50,
  maxBackoffMs: 200,
};
/** The backoff a 1.5 s deadline allows: doubling from 50 ms to 200 ms, the last leaving 100 ms. */
const SLEEPS_IN_1500 = [50, 100, 200, 200, 200, 200, 200, 200, 50];

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
    const clock = virtualClock();
    const result = await pollHealth({
      url: server.url,
      expected: { version: SHA },
      deadlineMs: 8000,
      ...fast,
      clock,
    });
    expect(result).toMatchObject({
      ok: true,
      attempts: 3,
      elapsedMs: 150,
      health: { version: SHA },
    });
    expect(clock.sleeps).toEqual([50, 100]);
    expect(server.requests).toHaveLength(3);
    expect(describePoll(result)).toMatch(
      /^healthy: http:\/\/127\.0\.0\.1:\d+\/api\/health reports version 0123/,
    );
  });

  it("fails a server that keeps answering 503 within its deadline, with the reason", async () => {
    server = await startHealthServer(
      answer(503, healthBody(SHA, "error", false)),
    );
    const clock = virtualClock();
    const result = await pollHealth({
      url: server.url,
      expected: { version: SHA },
      deadlineMs: 1500,
      ...fast,
      clock,
    });
    expect(result.ok).toBe(false);
    expect(result.reason).toBe(
      "HTTP 503: database unreachable: D1 unavailable",
    );
    // Every attempt reached the server; the deadline, never overrun, ended the loop.
    expect(clock.sleeps).toEqual(SLEEPS_IN_1500);
    expect(result.attempts).toBe(SLEEPS_IN_1500.length + 1);
    expect(server.requests).toHaveLength(result.attempts);
    expect(result.elapsedMs).toBe(1400);
  });

  it("detects a wrong version within the deadline", async () => {
    server = await startHealthServer(answer(200, healthBody(OLD)));
    const result = await pollHealth({
      url: server.url,
      expected: { version: SHA },
      deadlineMs: 1500,
      ...fast,
      clock: virtualClock(),
    });
    expect(result).toMatchObject({
      ok: false,
      attempts: SLEEPS_IN_1500.length + 1,
      reason: expect.stringMatching(
        /^version is fedcba987654, expected 0123456789ab/,
      ),
    });
    expect(describePoll(result)).toMatch(
      /^unhealthy: .*version is fedcba987654.* \(10 attempt\(s\) in 1\.4s\)$/,
    );
  });

  // The one real-time case: a request that never answers is ended by its own timeout (a real
  // AbortSignal), and the loop goes on to another attempt before the deadline.
  it("ends hanging requests by the per-request timeout, then tries again", async () => {
    server = await startHealthServer(hang);
    const result = await pollHealth({
      url: server.url,
      expected: {},
      deadlineMs: 2500,
      requestTimeoutMs: 1000,
      initialBackoffMs: 50,
      maxBackoffMs: 200,
    });
    expect(result).toMatchObject({
      ok: false,
      reason: expect.stringMatching(
        /^no response within \d\.\ds \(request timeout\)$/,
      ),
    });
    expect(result.attempts).toBeGreaterThanOrEqual(2);
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
  });

  it("reports a refused connection", async () => {
    const closed = await startHealthServer(hang);
    const url = closed.url;
    await closed.close();
    const clock = virtualClock();
    const result = await pollHealth({
      url,
      expected: {},
      deadlineMs: 300,
      ...fast,
      clock,
    });
    expect(result).toMatchObject({
      ok: false,
      attempts: 4,
      reason: "request failed: ECONNREFUSED",
    });
    expect(clock.sleeps).toEqual([50, 100, 50]);
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
      clock: virtualClock(),
    });
    expect(
      server.requests[0]?.headers["cloudflare-workers-version-overrides"],
    ).toBe('typed-cicd-next-d1-staging="4e8d2c1a-5b6f-4a3e-9c8d-7b6a5f4e3d2c"');
  });
});
