import { describe, expect, it } from "vitest";
import { inferConfig } from "./infer-config";

// sebc-dev/website's scripts (the ones init reads), configs under config/.
const scripts = {
  lint: "eslint . --config config/eslint.config.mjs",
  "arch:validate":
    "depcruise src/lib src/app --config config/.dependency-cruiser.cjs",
  test: "vitest --config config/vitest.config.ts",
  "test:run": "vitest run --config config/vitest.config.ts",
  "test:integration": "vitest run --config config/vitest.integration.config.ts",
};
const files = new Set(["tsconfig.json", "config/vitest.config.ts"]);

describe("inferConfig", () => {
  const inferred = inferConfig({
    manager: "pnpm",
    scripts,
    exists: (file) => files.has(file),
    workflows: [],
  });

  it("takes the run-once unit script over `test` (vitest's watch mode) and arch:validate", () => {
    expect(inferred.config.stages).toMatchObject({
      unit: { script: "test:run", config: "config/vitest.config.ts" },
      arch: { script: "arch:validate" },
      integration: { script: "test:integration" },
    });
  });

  it("adds a ci:typecheck twin when tsconfig.json is there and no script type-checks", () => {
    expect(inferred.config.stages).toMatchObject({
      typecheck: { script: "ci:typecheck" },
    });
    expect(inferred.scripts["ci:typecheck"]).toBe("tsc --noEmit");
    expect(inferred.notes).toContain(
      'stages.typecheck: no typecheck script — added "ci:typecheck": "tsc --noEmit" to package.json (tsconfig.json is there); check it checks what you expect',
    );
  });

  it("adds no typecheck stage without tsconfig.json", () => {
    const bare = inferConfig({
      manager: "pnpm",
      scripts,
      exists: () => false,
      workflows: [],
    });
    expect(bare.config.stages).not.toHaveProperty("typecheck");
    expect(bare.scripts).not.toHaveProperty("ci:typecheck");
  });
});

describe("the scripts init adds", () => {
  it("calls the bin for every pipeline script but deploy:toolset, which is the lockfile install itself", () => {
    for (const [manager, toolset] of [
      ["pnpm", "pnpm install --frozen-lockfile --ignore-scripts"],
      ["npm", "npm ci --ignore-scripts"],
    ] as const) {
      const { scripts: added } = inferConfig({
        manager,
        scripts: {},
        exists: () => false,
        workflows: [],
      });
      expect(added["deploy:toolset"]).toBe(toolset);
      expect(added["deploy:migrate"]).toBe("typed-cicd deploy:migrate");
      expect(
        Object.values(added).filter((body) => body.startsWith("typed-cicd ")),
      ).not.toContain("typed-cicd deploy:toolset");
    }
  });
});
