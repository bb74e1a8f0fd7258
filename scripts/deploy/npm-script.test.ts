import { describe, expect, it } from "vitest";
import { silentLog } from "./deploy-log";
import { firstErrorLine, npmScript } from "./npm-script";

describe("npmScript", () => {
  it("returns the last output line of a successful script", async () => {
    expect(await npmScript("lint:migrations", silentLog)).toMatch(
      /^migration-lint: \d+ file\(s\) checked, passed/,
    );
  });

  it("names a script that package.json does not define", async () => {
    await expect(npmScript("no-such-script-here", silentLog)).rejects.toThrow(
      "npm run no-such-script-here: not defined in package.json — pull the latest main",
    );
  });

  it("picks the first error line as the cause", () => {
    expect(
      firstErrorLine([
        "> build",
        "Error: Turbopack build failed with 1 error:",
        "Error: again",
      ]),
    ).toBe("Error: Turbopack build failed with 1 error:");
    expect(firstErrorLine(["all good"])).toBe("");
  });
});
