import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findWranglerFile, wranglerConfigPath } from "./wrangler-config-file";

const dirs: string[] = [];
function repoWith(...files: string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "wrangler-config-file-"));
  dirs.push(dir);
  for (const file of files) writeFileSync(path.join(dir, file), "{}\n");
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true });
});

describe("the wrangler config file of a repository", () => {
  it("is wrangler.json or wrangler.jsonc, whichever is there", () => {
    const json = repoWith("wrangler.json");
    expect(wranglerConfigPath(json)).toBe(path.join(json, "wrangler.json"));
    const jsonc = repoWith("wrangler.jsonc");
    expect(wranglerConfigPath(jsonc)).toBe(path.join(jsonc, "wrangler.jsonc"));
  });

  it("is wrangler.json when both are there, as wrangler itself picks", () => {
    const both = repoWith("wrangler.jsonc", "wrangler.json");
    expect(wranglerConfigPath(both)).toBe(path.join(both, "wrangler.json"));
    expect(
      findWranglerFile((f) => f === "wrangler.toml" || f === "wrangler.jsonc"),
    ).toBe("wrangler.jsonc");
  });

  it("refuses TOML and a missing config in one line naming the fix", () => {
    const toml = repoWith("wrangler.toml");
    expect(() => wranglerConfigPath(toml)).toThrow(
      `${path.join(toml, "wrangler.toml")}: TOML is not read — convert it to wrangler.jsonc (same keys)`,
    );
    const none = repoWith();
    expect(() => wranglerConfigPath(none)).toThrow(
      /: no wrangler\.json or wrangler\.jsonc — add the Worker's wrangler config/,
    );
  });
});
