/**
 * GET /accounts/{account_id}/workers/scripts (List Workers) over HTTP against the double in this
 * process: the envelope, the account's scripts, the tags filter, and the refusals `npm run setup`'s
 * token preflight must tell apart (wrong account, a token without Workers Scripts Read).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envelopeSchema } from "../envelope";
import { startDoubleServer, type DoubleServer } from "../server";
import { newWorker } from "./workers-upload";

const ACCOUNT = "0123456789abcdef0123456789abcdef";
const TOKEN = "token-all";
let dir: string;
let double: DoubleServer;

async function list(
  query = "",
  { account = ACCOUNT, token = TOKEN } = {},
): Promise<{ status: number; body: ReturnType<typeof envelopeSchema.parse> }> {
  const res = await fetch(
    `${double.apiBaseUrl}/accounts/${account}/workers/scripts${query}`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  return { status: res.status, body: envelopeSchema.parse(await res.json()) };
}

const ids = (result: unknown) => (result as { id: string }[]).map((s) => s.id);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "double-list-workers-"));
  double = await startDoubleServer({
    dir,
    accountId: ACCOUNT,
    tokens: [TOKEN],
    subdomain: "example",
  });
  double.state.tokens.set("token-d1", ["d1:edit"]);
  double.state.tokens.set("token-read", ["workers_scripts:read"]);
});

afterAll(async () => {
  await double.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("GET /accounts/:account/workers/scripts", () => {
  it("answers an empty list in the envelope for an account without Workers", async () => {
    const { status, body } = await list();
    expect(status).toBe(200);
    expect(body).toEqual({
      success: true,
      errors: [],
      messages: [],
      result: [],
    });
  });

  it("lists the account's scripts oldest first, with id, dates and tags", async () => {
    const staging = newWorker("app-staging");
    staging.createdOn = "2026-01-01T00:00:00.000Z";
    staging.tags = ["staging"];
    const production = newWorker("app-production");
    production.createdOn = "2026-02-01T00:00:00.000Z";
    production.tags = ["production"];
    double.state.workers.set(production.name, production);
    double.state.workers.set(staging.name, staging);

    const { status, body } = await list();
    expect(status).toBe(200);
    expect(ids(body.result)).toEqual(["app-staging", "app-production"]);
    expect((body.result as Record<string, unknown>[])[0]).toMatchObject({
      id: "app-staging",
      created_on: "2026-01-01T00:00:00.000Z",
      modified_on: staging.modifiedOn,
      has_modules: true,
      tags: ["staging"],
    });
  });

  it("filters by ?tags=<tag>:yes|no and refuses a malformed filter with 10021", async () => {
    expect(ids((await list("?tags=production:yes")).body.result)).toEqual([
      "app-production",
    ]);
    expect(ids((await list("?tags=production:no")).body.result)).toEqual([
      "app-staging",
    ]);
    const bad = await list("?tags=production");
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]?.code).toBe(10021);
  });

  it("needs Workers Scripts Read: a D1-only token gets 10000, a read token the list", async () => {
    const refused = await list("", { token: "token-d1" });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      success: false,
      errors: [{ code: 10000, message: "Authentication error" }],
    });
    expect(ids((await list("", { token: "token-read" })).body.result)).toEqual([
      "app-staging",
      "app-production",
    ]);
  });

  it("refuses another account's id and an unknown token with 10000", async () => {
    const otherAccount = await list("", { account: "f".repeat(32) });
    expect(otherAccount.status).toBe(403);
    expect(otherAccount.body.errors[0]?.code).toBe(10000);
    const unknown = await list("", { token: "nope" });
    expect(unknown.status).toBe(403);
    expect(unknown.body.errors[0]?.code).toBe(10000);
  });
});
