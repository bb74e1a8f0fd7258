import { readdirSync } from "node:fs";
import { healthResponseSchema } from "../src/health/health-response";
import { expectedVersion } from "./support/expected-version";
import { expect, test } from "./support/test";

test("/api/health is 200 with the build's version and no pending migrations", async ({
  request,
}) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toContain("no-store");

  const body = healthResponseSchema.parse(await response.json());
  const migrations = readdirSync("drizzle/migrations")
    .filter((name) => name.endsWith(".sql"))
    .sort();
  expect(body).toMatchObject({
    status: "ok",
    version: expectedVersion(),
    database: {
      reachable: true,
      latestMigration: migrations.at(-1),
      pendingMigrations: [],
    },
  });
  expect(body.database.error).toBeUndefined();
  expect(Date.now() - Date.parse(body.checkedAt)).toBeLessThan(60_000);
});
