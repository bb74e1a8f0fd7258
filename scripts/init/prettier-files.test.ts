import { describe, expect, it } from "vitest";
import { ignoreEntry, prettierFiles } from "./prettier-files";

describe("prettierFiles", () => {
  it("reads --config and --ignore-path from the format stage's script", () => {
    expect(
      prettierFiles(
        {
          "format:check":
            "prettier --check . --config config/prettier.config.js --ignore-path config/.prettierignore",
        },
        "format:check",
      ),
    ).toEqual({
      config: "config/prettier.config.js",
      ignorePath: "config/.prettierignore",
    });
  });

  it("falls back to another script running prettier, then to Prettier's defaults", () => {
    expect(
      prettierFiles(
        {
          lint: "eslint .",
          fmt: "prettier --write . --ignore-path=.fmtignore",
        },
        "lint",
      ),
    ).toEqual({ config: undefined, ignorePath: ".fmtignore" });
    expect(prettierFiles({ lint: "eslint ." }, undefined)).toEqual({
      config: undefined,
      ignorePath: ".prettierignore",
    });
  });
});

describe("ignoreEntry", () => {
  it("writes paths relative to the ignore file's directory (how Prettier reads them)", () => {
    expect(
      ignoreEntry(".prettierignore", ".github/workflows/quality.yml"),
    ).toBe(".github/workflows/quality.yml");
    expect(
      ignoreEntry("config/.prettierignore", ".github/workflows/quality.yml"),
    ).toBe("../.github/workflows/quality.yml");
    expect(ignoreEntry("config/.prettierignore", "docs/diagrams/")).toBe(
      "../docs/diagrams/",
    );
  });
});
