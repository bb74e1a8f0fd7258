import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveAppVersion } from "./resolve-app-version";

const notARepo = mkdtempSync(join(tmpdir(), "no-git-"));
afterAll(() => rmSync(notARepo, { recursive: true, force: true }));

describe("resolveAppVersion", () => {
  it("prefers APP_VERSION, trimmed", () => {
    expect(resolveAppVersion({ APP_VERSION: " 1234abc\n" }, notARepo)).toBe(
      "1234abc",
    );
  });

  it("uses the commit SHA of HEAD when APP_VERSION is unset or blank", () => {
    expect(resolveAppVersion({}, process.cwd())).toMatch(/^[0-9a-f]{40}$/);
    expect(resolveAppVersion({ APP_VERSION: "  " }, process.cwd())).toMatch(
      /^[0-9a-f]{40}$/,
    );
  });

  it('falls back to "dev" outside a git checkout', () => {
    expect(resolveAppVersion({}, notARepo)).toBe("dev");
  });
});
