import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDeployLog } from "../deploy-log";
import { credentialValues, redactCredentials } from "./redact";

const env = {
  CLOUDFLARE_API_TOKEN: "tok_0123456789abcdef",
  CLOUDFLARE_ACCOUNT_ID: "0123456789abcdef0123456789abcdef",
};

describe("redactCredentials", () => {
  it("replaces the token and the account id wherever they appear", () => {
    const redact = redactCredentials(env);
    expect(
      redact(
        `A request to the Cloudflare API (/accounts/${env.CLOUDFLARE_ACCOUNT_ID}/d1) failed. "accountTag": "${env.CLOUDFLARE_ACCOUNT_ID}" Bearer ${env.CLOUDFLARE_API_TOKEN}`,
      ),
    ).toBe(
      'A request to the Cloudflare API (/accounts/***/d1) failed. "accountTag": "***" Bearer ***',
    );
  });

  it("ignores unset and too-short values instead of blanking ordinary words", () => {
    expect(
      credentialValues({
        CLOUDFLARE_API_TOKEN: " ",
        CLOUDFLARE_ACCOUNT_ID: "a",
      }),
    ).toEqual([]);
    expect(redactCredentials({})("a b c")).toBe("a b c");
  });

  it("keeps credentials out of the deploy log file and the console", () => {
    const path = join(mkdtempSync(join(tmpdir(), "redact-")), "deploy.log");
    const log = createDeployLog(path, {
      echo: false,
      redact: redactCredentials(env),
    });
    log.info(`account ${env.CLOUDFLARE_ACCOUNT_ID}`);
    log.quiet().raw(`token ${env.CLOUDFLARE_API_TOKEN}\n`);
    log
      .quiet()
      .raw(
        "\u001b[31m✘ \u001b[41;31m[\u001b[41;97mERROR\u001b[41;31m]\u001b[0m x\n",
      );
    const text = readFileSync(path, "utf8");
    expect(text).toBe("account ***\ntoken ***\n✘ [ERROR] x\n");
  });
});
