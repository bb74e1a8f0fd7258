/**
 * One smoke test of pollHealth over real sockets and the real clock: fetch, headers, status and
 * body, and a refused connection's error code as undici reports it. Timeouts are generous and no
 * duration is asserted; the loop's timing is tested exactly on a virtual clock (health-poll.test.ts).
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  answer,
  hang,
  healthBody,
  startHealthServer,
  type HealthServer,
} from "./scripted-health-server";
import { virtualClock } from "./virtual-clock";
import { describePoll, pollHealth, versionOverrideHeader } from "./health-poll";

const SHA = "0123456789abcdef0123456789abcdef01234567";

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// Several seconds per request: a loaded machine answers late, never past these.
const generous = {
  deadlineMs: 60_000,
  requestTimeoutMs: 10_000,
  initialBackoffMs: 50,
  maxBackoffMs: 200,
};

describe("pollHealth against a real local server", () => {
  it("retries a 503 into healthy with the override header sent, and reports a refused connection", async () => {
    server = await startHealthServer((req, res, n) =>
      n < 3
        ? answer(503, healthBody(SHA, "error", false))(req, res, n)
        : answer(200, healthBody(SHA))(req, res, n),
    );
    const result = await pollHealth({
      url: server.url,
      expected: { version: SHA },
      headers: versionOverrideHeader(
        "typed-cicd-next-d1-staging",
        "4e8d2c1a-5b6f-4a3e-9c8d-7b6a5f4e3d2c",
      ),
      ...generous,
    });
    expect(result).toMatchObject({
      ok: true,
      attempts: 3,
      health: { version: SHA },
    });
    expect(describePoll(result)).toMatch(
      /^healthy: http:\/\/127\.0\.0\.1:\d+\/api\/health reports version 0123/,
    );
    expect(server.requests.map((r) => r.url)).toEqual([
      "/api/health",
      "/api/health",
      "/api/health",
    ]);
    expect(
      server.requests[0]?.headers["cloudflare-workers-version-overrides"],
    ).toBe('typed-cicd-next-d1-staging="4e8d2c1a-5b6f-4a3e-9c8d-7b6a5f4e3d2c"');

    // A refusal on a virtual clock: a short deadline that cannot race the refusal on a busy machine.
    const closed = await startHealthServer(hang);
    await closed.close();
    const refused = await pollHealth({
      url: closed.url,
      expected: {},
      ...generous,
      deadlineMs: 400,
      clock: virtualClock(),
    });
    expect(refused).toMatchObject({
      ok: false,
      attempts: 4,
      reason: "request failed: ECONNREFUSED",
    });
  });
});
