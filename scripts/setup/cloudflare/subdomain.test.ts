import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { WORKERS_DEV_SUBDOMAIN } from "../../../workflows-src/cloudflare-account";
import { REPO_ROOT } from "../../deploy/wrangler";
import {
  ACCOUNT_FILE,
  accountFileText,
  recordedSubdomain,
  withSubdomain,
} from "./subdomain";

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

describe("an account file the adopter's formatter rewrote", () => {
  const prettierStyle = accountFileText("your-subdomain").replace(
    '= "your-subdomain";',
    "= 'your-subdomain';",
  );

  it("reads the subdomain whatever the quotes", () => {
    expect(recordedSubdomain(prettierStyle)).toBe("your-subdomain");
    expect(recordedSubdomain(accountFileText("acme"))).toBe("acme");
    expect(recordedSubdomain("export const OTHER = 'x';")).toBeUndefined();
  });

  it("writes the new subdomain in the file's own quote style, nothing else changed", () => {
    expect(withSubdomain(prettierStyle, "example")).toBe(
      prettierStyle.replace("'your-subdomain'", "'example'"),
    );
    expect(withSubdomain(accountFileText("a"), "b")).toBe(accountFileText("b"));
    expect(withSubdomain("", "b")).toBe(accountFileText("b"));
  });
});
