import { describe, expect, it } from "vitest";
import type { CloudflareAnswer } from "./api";
import { PERMISSION_PROBES, preflight } from "./preflight";

const ok: CloudflareAnswer = {
  status: 200,
  success: true,
  result: [],
  error: "",
};
const denied: CloudflareAnswer = {
  status: 403,
  success: false,
  result: null,
  error: "Authentication error [code: 10000]",
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
});
