import { describe, expect, it } from "vitest";
import { playwrightNotes } from "./playwright-notes";

describe("playwrightNotes", () => {
  it("names the browsers the E2E job does not install and the webServer command", () => {
    // The shape of sebc-dev/website's config/playwright.config.ts.
    const text = `export default defineConfig({
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'] } },
    { name: 'firefox', use: { ...devices['Desktop Firefox'] } },
    { name: 'webkit', use: { ...devices['Desktop Safari'] } },
  ],
  webServer: {
    /** Build, then serve with wrangler. */
    command: 'pnpm preview',
    url: 'http://127.0.0.1:8788',
  },
});`;
    expect(playwrightNotes("config/playwright.config.ts", text)).toEqual([
      "config/playwright.config.ts: projects for firefox and webkit — the E2E job installs chromium only; run those locally or leave them out in CI",
      "config/playwright.config.ts: webServer runs \"pnpm preview\" — in the E2E job that is the app's own server over the job's checkout; check it does not rebuild what the build job made",
    ]);
  });

  it("says nothing for a chromium-only config without a webServer", () => {
    expect(
      playwrightNotes(
        "playwright.config.ts",
        "export default defineConfig({ use: { ...devices['Desktop Chrome'] } });",
      ),
    ).toEqual([]);
  });
});
