import { describe, expect, it } from "vitest";
import { browserFault } from "./browser-fault";
import type { SuiteOutcome } from "./playwright-report";

function failing(error: string): SuiteOutcome {
  return {
    passed: 1,
    failed: [{ file: "guestbook.spec.ts", title: "a note", error }],
    errors: [],
  };
}

describe("browserFault", () => {
  it("names a failure Chromium caused, so the suite runs once more", () => {
    expect(
      browserFault(
        failing(
          "Error: page.reload: Protocol error (Page.reload): Not attached to an active page",
        ),
      ),
    ).toBe(
      "guestbook.spec.ts › a note: Error: page.reload: Protocol error (Page.reload): Not attached to an active page",
    );
    expect(
      browserFault(
        failing(
          "Error: page.goto: Target page, context or browser has been closed",
        ),
      ),
    ).toBeDefined();
  });

  it("leaves the serving build's own failures to the verdict", () => {
    expect(
      browserFault(
        failing(
          'Error: expect(locator).toBeVisible() failed — Locator: getByText("Ada")',
        ),
      ),
    ).toBeUndefined();
    expect(
      browserFault(failing("Error: page.goto: net::ERR_CONNECTION_REFUSED")),
    ).toBeUndefined();
    expect(browserFault({ passed: 3, failed: [], errors: [] })).toBeUndefined();
  });
});
