import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { silentLog } from "../deploy-log";
import { cliApi, rootApi } from "./for-cli";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("cliApi and rootApi", () => {
  it("need the token and the account id; the account of a root's config wins, as in wrangler", () => {
    const env = {
      CLOUDFLARE_API_TOKEN: "t",
      CLOUDFLARE_ACCOUNT_ID: "env-acct",
    };
    expect(cliApi({ CLOUDFLARE_API_TOKEN: "t" }, silentLog)).toBeUndefined();
    expect(cliApi({ CLOUDFLARE_ACCOUNT_ID: "a" }, silentLog)).toBeUndefined();
    const api = cliApi(env, silentLog);
    expect(api?.accountId).toBe("env-acct");

    dir = mkdtempSync(join(tmpdir(), "root-api-"));
    writeFileSync(join(dir, "wrangler.jsonc"), JSON.stringify({ name: "app" }));
    expect(rootApi(api, dir, env)?.accountId).toBe("env-acct");
    writeFileSync(
      join(dir, "wrangler.jsonc"),
      JSON.stringify({ name: "app", account_id: "config-acct" }),
    );
    expect(rootApi(api, dir, env)?.accountId).toBe("config-acct");
    expect(rootApi(undefined, dir, env)).toBeUndefined();
  });
});
