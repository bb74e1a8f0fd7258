import { describe, expect, it } from "vitest";
import { assertSecretsPresent, missingSecrets } from "./required-secrets";

const NAMES = ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_ACCOUNT_ID"];

describe("required secrets", () => {
  it("treats unset and blank values as missing", () => {
    expect(
      missingSecrets(NAMES, {
        CLOUDFLARE_API_TOKEN: "  ",
        CLOUDFLARE_ACCOUNT_ID: "abc",
      }),
    ).toEqual(["CLOUDFLARE_API_TOKEN"]);
    expect(
      missingSecrets(NAMES, {
        CLOUDFLARE_API_TOKEN: "t",
        CLOUDFLARE_ACCOUNT_ID: "a",
      }),
    ).toEqual([]);
  });

  it("names the missing secret and the environment, never a value", () => {
    const env = {
      CLOUDFLARE_API_TOKEN: "",
      CLOUDFLARE_ACCOUNT_ID: "acc-1234-secret-looking",
    };
    expect(() => assertSecretsPresent(NAMES, env, "production")).toThrow(
      "production: required secret CLOUDFLARE_API_TOKEN not set — add it under Settings → Environments → production → Environment secrets, and run the job with environment: production",
    );
    try {
      assertSecretsPresent(NAMES, env, "production");
    } catch (error) {
      expect((error as Error).message).not.toContain("acc-1234");
    }
    expect(() => assertSecretsPresent(NAMES, {}, "staging")).toThrow(
      /^staging: required secrets CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID not set — add them/,
    );
  });
});
