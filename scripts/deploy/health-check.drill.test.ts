/**
 * Drill: the health:check CLI, as CI runs it, against real local servers that play a bad deploy.
 * It must exit non-zero and say why in one line. Timeouts are generous and no duration is asserted:
 * that the loop stops at its deadline is proven attempt by attempt on a virtual clock
 * (health-poll.test.ts), which a loaded machine cannot disturb. The hanging server here is the one
 * place a real request is ended by its real timeout.
 */
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { spawnRunner } from "./child-process";
import {
  answer,
  hang,
  healthBody,
  startHealthServer,
  type HealthServer,
} from "./scripted-health-server";
import { REPO_ROOT } from "./wrangler";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const OLD = "fedcba9876543210fedcba9876543210fedcba98";
const TSX = join(REPO_ROOT, "node_modules", ".bin", "tsx");
const CLI = join(REPO_ROOT, "scripts", "deploy", "health-check-cli.ts");

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function healthCheck(url: string, ...flags: string[]) {
  const env = {
    ...process.env,
    GITHUB_ACTIONS: "true",
    GITHUB_OUTPUT: "",
    GITHUB_STEP_SUMMARY: "",
  };
  return spawnRunner(
    TSX,
    [CLI, "--url", url, "--expect-version", SHA, ...flags],
    { cwd: REPO_ROOT, env, timeoutMs: 30_000 },
  );
}

describe("drill: health:check CLI against a bad deployment", () => {
  it("detects a wrong version and annotates the reason", async () => {
    server = await startHealthServer(answer(200, healthBody(OLD)));
    // A request may take the whole deadline; later attempts it cuts short keep this reason.
    const result = await healthCheck(
      server.url,
      "--deadline",
      "3s",
      "--request-timeout",
      "5s",
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^::error::unhealthy: http:\/\/127\.0\.0\.1:\d+\/api\/health: version is fedcba987654, expected 0123456789ab — .* \(\d+ attempt\(s\) in \d+\.\ds\)$/m,
    );
    // How the deadline ends the loop is pinned by health-poll's virtual-clock tests; here, that the
    // CLI turns it into exit 1 and one annotation.
    expect(server.requests.length).toBeGreaterThan(1);
  });

  it("gives up on a hanging server, naming the request timeout", async () => {
    server = await startHealthServer(hang);
    const result = await healthCheck(
      server.url,
      "--deadline",
      "2s",
      "--request-timeout",
      "1s",
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /no response within 1\.0s \(request timeout\) \(\d+ attempt\(s\) in \d+\.\ds\)/,
    );
  });

  it("passes a healthy deployment of the expected version", async () => {
    server = await startHealthServer(answer(200, healthBody(SHA)));
    const result = await healthCheck(server.url, "--deadline", "3s");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^healthy: .* reports version 0123456789abcdef/m,
    );
  });
});
