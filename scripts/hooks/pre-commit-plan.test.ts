import { describe, expect, it } from "vitest";
import {
  needsSnapshot,
  parseNameStatus,
  planPreCommit,
  type HookLayout,
} from "./pre-commit-plan";

const staged = (...paths: string[]) =>
  paths.map((path) => ({ path, deleted: false }));

describe("planPreCommit", () => {
  it("runs only Prettier for a typical app change", () => {
    expect(planPreCommit(staged("src/app/page.tsx", "README.md"))).toEqual({
      workflows: false,
      migrations: false,
      prettier: ["src/app/page.tsx", "README.md"],
    });
  });

  it.each([
    "workflows-src/builders/deploy.ts",
    ".github/workflows/deploy.yml",
    "scripts/workflows/emit-yaml.ts",
    "docs/deployment/diagrams/deploy.md",
    "package.json",
  ])("checks the workflows when %s is staged", (path) => {
    expect(planPreCommit(staged(path)).workflows).toBe(true);
  });

  it("runs the migration gate for migrations, and formats nothing deleted", () => {
    const plan = planPreCommit([
      { path: "drizzle/migrations/0001_x.sql", deleted: false },
      { path: "src/old.ts", deleted: true },
    ]);
    expect(plan.migrations).toBe(true);
    expect(plan.workflows).toBe(false);
    expect(plan.prettier).toEqual(["drizzle/migrations/0001_x.sql"]);
  });
});

describe("needsSnapshot", () => {
  const workflows = planPreCommit(staged("workflows-src/index.ts"));
  it("exports the index when an unstaged change feeds a planned check", () => {
    expect(needsSnapshot(workflows, [".github/workflows/quality.yml"])).toBe(
      true,
    );
    expect(needsSnapshot(workflows, ["workflows-src/new-helper.ts"])).toBe(
      true,
    );
  });
  it("runs in place when unstaged changes cannot change a verdict", () => {
    expect(needsSnapshot(workflows, ["notes.txt", "src/app/page.tsx"])).toBe(
      false,
    );
    const app = planPreCommit(staged("src/app/page.tsx"));
    expect(needsSnapshot(app, ["src/notes/x.ts"])).toBe(false);
    expect(needsSnapshot(app, ["src/app/page.tsx"])).toBe(true);
    expect(needsSnapshot(app, [".prettierrc.json"])).toBe(true);
  });
});

describe("parseNameStatus", () => {
  it("reads git's NUL-separated status and path fields", () => {
    expect(parseNameStatus("M\0a.ts\0D\0b b.ts\0A\0c.ts\0")).toEqual([
      { path: "a.ts", deleted: false },
      { path: "b b.ts", deleted: true },
      { path: "c.ts", deleted: false },
    ]);
  });
});

describe("an adopter's layout (typed-cicd hooks:pre-commit)", () => {
  const adopter: HookLayout = {
    migrations: "migrations/",
    gateReads: ["wrangler.jsonc"],
    prettier: false,
  };
  it("runs the gate for its migrations_dir only, and no Prettier", () => {
    expect(
      planPreCommit(staged("migrations/0003_x.sql", "src/a.ts"), adopter),
    ).toEqual({ workflows: false, migrations: true, prettier: [] });
    expect(
      planPreCommit(staged("drizzle/migrations/0003_x.sql"), adopter)
        .migrations,
    ).toBe(false);
    expect(
      planPreCommit(staged("migrations-old/0003_x.sql"), adopter).migrations,
    ).toBe(false);
  });
  it("plans no gate without a D1 migrations_dir", () => {
    expect(
      planPreCommit(staged("migrations/0003_x.sql"), {
        ...adopter,
        migrations: undefined,
      }).migrations,
    ).toBe(false);
  });
  it("exports the index when the gate's config or another migration is unstaged", () => {
    const plan = planPreCommit(staged("migrations/0003_x.sql"), adopter);
    expect(needsSnapshot(plan, ["wrangler.jsonc"], adopter)).toBe(true);
    expect(needsSnapshot(plan, ["migrations/0004_y.sql"], adopter)).toBe(true);
    expect(needsSnapshot(plan, ["src/app/page.tsx"], adopter)).toBe(false);
    // This repository's gate sources mean nothing to an adopter's gate (it runs the package's).
    expect(
      needsSnapshot(plan, ["scripts/migration-lint/rules.ts"], adopter),
    ).toBe(false);
  });
});
