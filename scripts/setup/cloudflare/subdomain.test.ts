import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { WORKERS_DEV_SUBDOMAIN } from "../../../workflows-src/cloudflare-account";
import { REPO_ROOT } from "../../deploy/wrangler";
import { ACCOUNT_FILE, accountFileText } from "./subdomain";

describe("workflows-src/cloudflare-account.ts", () => {
  it("is exactly what setup writes, so setup reads it as in place", () => {
    expect(readFileSync(join(REPO_ROOT, ACCOUNT_FILE), "utf8")).toBe(
      accountFileText(WORKERS_DEV_SUBDOMAIN),
    );
  });

  it("stores the subdomain as a string literal, whatever it contains", () => {
    expect(accountFileText('a"b')).toContain(
      'export const WORKERS_DEV_SUBDOMAIN = "a\\"b";',
    );
  });
});
