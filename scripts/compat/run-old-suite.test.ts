import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compatConfigSource } from "./run-old-suite";
import { compatSuite } from "./suite";

const dir = mkdtempSync(join(tmpdir(), "compat-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// A serving commit's own config, as the generated one imports it.
writeFileSync(
  join(dir, "playwright.config.ts"),
  `export default { timeout: 60_000, use: { trace: "retain-on-failure", screenshot: "only-on-failure", baseURL: "http://from-base" } };\n`,
);

/** The config Playwright would load: the generated source next to the base, imported. */
async function load(name: string, traces?: boolean) {
  const file = join(dir, `${name}.config.ts`);
  writeFileSync(file, compatConfigSource("/tmp/report.json", traces));
  return (
    (await import(file)) as {
      default: { use?: Record<string, unknown>; timeout: number };
    }
  ).default;
}

describe("the compat Playwright config", () => {
  it("keeps the suite's trace and screenshot settings when the check keeps its folder", async () => {
    const config = await load("kept", true);
    expect(config.use).toEqual({
      trace: "retain-on-failure",
      screenshot: "only-on-failure",
      baseURL: "http://from-base",
    });
    // The serving commit asks for 60 s; the check caps each test at its ceiling.
    expect(config.timeout).toBe(compatSuite.maxTestTimeoutMs);
    expect(compatSuite.maxTestTimeoutMs).toBeLessThan(60_000);
  });

  it("records no trace, screenshot or video when the folder is deleted after the run, the rest of `use` kept", async () => {
    const config = await load("discarded", false);
    expect(config.use).toEqual({
      trace: "off",
      screenshot: "off",
      video: "off",
      baseURL: "http://from-base",
    });
  });
});
