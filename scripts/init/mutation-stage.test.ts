import { describe, expect, it } from "vitest";
import { inferMutation } from "./mutation-stage";

// sebc-dev/website's Stryker set-up (config/stryker.config.json, trimmed).
const STRYKER = `{
  "testRunner": "vitest",
  "mutate": [
    "src/lib/server/**/*.ts",
    "!src/lib/server/**/*.test.ts",
    "src/lib/utils.ts",
    "!**/__tests__/**"
  ]
}`;
const files: Record<string, string> = {
  "config/stryker.config.json": STRYKER,
};
const read = (file: string) => files[file];

describe("inferMutation", () => {
  it("takes the script, its JSON config and the config's mutate globs (exclusions left out) as paths", () => {
    const inferred = inferMutation(
      { "test:mutation": "stryker run config/stryker.config.json" },
      read,
    );
    expect("stage" in inferred && inferred.stage).toEqual({
      script: "test:mutation",
      config: "config/stryker.config.json",
      paths: [
        "src/lib/server/**/*.ts",
        "src/lib/utils.ts",
        "config/stryker.config.json",
      ],
    });
  });

  it("reads Stryker's default config file when the script names none", () => {
    const inferred = inferMutation({ mutation: "stryker run" }, (file) =>
      file === "stryker.config.json" ? STRYKER : undefined,
    );
    expect("stage" in inferred && inferred.stage.config).toBe(
      "stryker.config.json",
    );
  });

  it("asks for the paths when the config is code, and says nothing is configured without Stryker", () => {
    expect(
      inferMutation(
        { "test:mutation": "stryker run stryker.config.mjs" },
        read,
      ),
    ).toEqual({
      note: 'stages.mutation: script "test:mutation" runs Stryker, but its config stryker.config.mjs is not JSON — add { script: "test:mutation", paths } (paths: the files it mutates)',
    });
    expect(inferMutation({ test: "vitest" }, read)).toEqual({
      note: "stages.mutation: not configured — add { script, paths } when you run Stryker (paths: the files it mutates)",
    });
  });
});
