import { describe, expect, it } from "vitest";
import { checksum, isGenerated, parseHeader, withHeader } from "./header";

describe("the generated files' header", () => {
  it("names the script, not a package manager: the same words in an npm and a pnpm repository", () => {
    const text = withHeader(
      "yaml",
      "workflows-src/workflows/ci.ts",
      "on: push\n",
    );
    expect(text.split("\n")[0]).toBe(
      "# Generated from workflows-src/workflows/ci.ts by the gen:workflows script — DO NOT EDIT.",
    );
    expect(text).not.toMatch(/\bnpm run\b/);
    expect(parseHeader(text)).toEqual({
      source: "workflows-src/workflows/ci.ts",
      checksum: checksum("on: push\n"),
      body: "on: push\n",
    });
  });

  it("still owns a file an earlier version wrote (`npm run gen:workflows`), so gen rewrites it", () => {
    const earlier = [
      "# Generated from workflows-src/workflows/ci.ts by `npm run gen:workflows` — DO NOT EDIT.",
      "# Change the source and regenerate; `npm run check:workflows` fails on hand edits.",
      `# checksum: ${checksum("on: push\n")}`,
      "",
      "on: push",
      "",
    ].join("\n");
    expect(isGenerated(earlier)).toBe(true);
    expect(parseHeader(earlier)?.source).toBe("workflows-src/workflows/ci.ts");
    expect(isGenerated("# Generated from x.ts by hand\n")).toBe(false);
  });
});
