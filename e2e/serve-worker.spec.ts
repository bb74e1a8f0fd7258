import { existsSync, readdirSync } from "node:fs";
import { dirname } from "node:path";
import { expect, test } from "@playwright/test";
import { healthResponseSchema } from "../src/health/health-response";
import { liveGroupMembers, serveBuiltWorker } from "./support/serve-worker";

test("an unmigrated D1 makes /api/health 503, and stop() ends the whole process group", async () => {
  test.setTimeout(90_000);
  const worker = await serveBuiltWorker({ applyMigrations: false });
  try {
    expect(liveGroupMembers(worker.pid)).toContain(worker.pid);
    const response = await fetch(`${worker.url}/api/health`);
    expect(response.status).toBe(503);
    const body = healthResponseSchema.parse(await response.json());
    expect(body.status).toBe("error");
    expect(body.database).toEqual({
      reachable: true,
      latestMigration: null,
      pendingMigrations: readdirSync("drizzle/migrations")
        .filter((name) => name.endsWith(".sql"))
        .sort(),
    });
  } finally {
    await worker.stop();
  }
  expect(liveGroupMembers(worker.pid)).toEqual([]);
  expect(existsSync(dirname(worker.persistDir))).toBe(false);
});
