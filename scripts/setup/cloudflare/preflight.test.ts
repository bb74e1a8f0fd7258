import { describe, expect, it } from "vitest";
import type { CloudflareAnswer } from "./api";
import { PERMISSION_PROBES, preflight } from "./preflight";

const ok: CloudflareAnswer = {
  status: 200,
  success: true,
  result: [],
  error: "",
  notes: [],
};
const denied: CloudflareAnswer = {
  status: 403,
  success: false,
  result: null,
  error: "Authentication error [code: 10000]",
  notes: ["Authentication error [code: 10000]"],
  code: 10000,
};

describe("token preflight", () => {
  it("makes one read-only call per permission", async () => {
    const paths: string[] = [];
    const items = await preflight(async (path) => {
      paths.push(path);
      return ok;
    }, "acc");
    expect(paths).toEqual([
      "/accounts/acc/workers/scripts",
      "/accounts/acc/d1/database",
    ]);
    expect(items.map((i) => i.state)).toEqual(["ok", "ok"]);
    expect(PERMISSION_PROBES).toHaveLength(paths.length);
  });

  it("names the missing permission, what it is for and Cloudflare's words", async () => {
    const items = await preflight(
      async (path) => (path.includes("/d1/") ? denied : ok),
      "acc",
    );
    expect(items[1]).toEqual({
      resource: "token permission Account · D1 · Edit",
      state: "failed",
      detail:
        'CLOUDFLARE_API_TOKEN cannot use D1 (GET /accounts/<account>/d1/database → 403 Authentication error [code: 10000]) — add "Account · D1 · Edit" to the token (needed to create the databases, apply migrations, Time Travel restore), and check CLOUDFLARE_ACCOUNT_ID',
    });
    expect(items[0]?.state).toBe("ok");
  });

  it("says the token itself is wrong when every call is refused", async () => {
    const items = await preflight(async () => denied, "acc");
    expect(items).toHaveLength(1);
    expect(items[0]?.detail).toMatch(
      /^Cloudflare refused CLOUDFLARE_API_TOKEN on every call \(403 Authentication error \[code: 10000\]\) — the token is wrong, expired or not for account/,
    );
  });

  it("does not blame the token for an API that is not there", async () => {
    const items = await preflight(
      async (path) =>
        path.includes("/d1/")
          ? {
              status: 0,
              success: false,
              result: undefined,
              error: "Cloudflare API unreachable",
              notes: [],
            }
          : ok,
      "acc",
    );
    expect(items[1]?.detail).toBe(
      "GET /accounts/<account>/d1/database failed (0 Cloudflare API unreachable) — check CLOUDFLARE_API_BASE_URL and the network, then re-run",
    );
  });
});
