import { describe, expect, it } from "vitest";
import { allows } from "./permissions";

const a = "/accounts/abc";

describe("allows", () => {
  it("lets an unrestricted token call everything", () => {
    expect(allows(null, "POST", `${a}/workers/scripts/w/versions`)).toBe(true);
  });

  it("reads need read or edit, writes need edit, per resource", () => {
    expect(allows(["d1:read"], "GET", `${a}/d1/database/x`)).toBe(true);
    expect(allows(["d1:read"], "POST", `${a}/d1/database/x/query`)).toBe(false);
    expect(allows(["d1:edit"], "POST", `${a}/d1/database/x/query`)).toBe(true);
    expect(
      allows(["d1:edit"], "GET", `${a}/workers/scripts/w/deployments`),
    ).toBe(false);
    expect(
      allows(["workers_scripts:edit"], "PUT", `${a}/workers/scripts/w`),
    ).toBe(true);
  });

  it("the account's workers.dev subdomain needs account settings read", () => {
    expect(
      allows(["workers_scripts:edit"], "GET", `${a}/workers/subdomain`),
    ).toBe(false);
    expect(
      allows(["account_settings:read"], "GET", `${a}/workers/subdomain`),
    ).toBe(true);
  });

  it("token verification needs no permission", () => {
    expect(allows([], "GET", "/user/tokens/verify")).toBe(true);
  });
});
