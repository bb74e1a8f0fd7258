import { describe, expect, it } from "vitest";
import { dbChange, MIGRATION_NAME, type DbChangeSteps } from "./db-change";

/** Records the order of the steps; drizzle-kit "creates" newFiles, the gate answers gateCode. */
function steps(options: {
  newFiles?: string[];
  generateCode?: number;
  gateCode?: number;
  applied?: string[];
}): DbChangeSteps & { log: string[] } {
  const files = ["0000_a.sql"];
  const log: string[] = [];
  return {
    log,
    listMigrations: () => [...files],
    generate: async (name) => {
      log.push(`generate ${name}`);
      files.push(...(options.newFiles ?? []));
      return options.generateCode ?? 0;
    },
    gate: async () => {
      log.push("gate");
      return options.gateCode ?? 0;
    },
    apply: async () => {
      log.push("apply");
      return { applied: options.applied ?? [] };
    },
    print: (line) => log.push(line),
  };
}

describe("dbChange", () => {
  it("generates, gates, then applies, naming the new file", async () => {
    const s = steps({
      newFiles: ["0001_add_x.sql"],
      applied: ["0001_add_x.sql"],
    });
    expect(await dbChange("add_x", s)).toBe(0);
    expect(s.log).toEqual([
      "generate add_x",
      "db:change: generated drizzle/migrations/0001_add_x.sql",
      "gate",
      "apply",
      "db:change: applied 0001_add_x.sql to the local D1 — reload the app to see it",
    ]);
  });

  it("never applies what the gate fails, and says how to allow it", async () => {
    const s = steps({ newFiles: ["0001_drop_x.sql"], gateCode: 1 });
    expect(await dbChange("drop_x", s)).toBe(1);
    expect(s.log).not.toContain("apply");
    expect(s.log.at(-1)).toContain(
      '"-- migration-lint: allow <rule-id>: <reason>"',
    );
  });

  it("stops before the gate when drizzle-kit fails", async () => {
    const s = steps({ generateCode: 1 });
    expect(await dbChange("x", s)).toBe(1);
    expect(s.log).toEqual([
      "generate x",
      "db:change: drizzle-kit generate failed (exit 1) — fix src/db/schema.ts (see above) and run again",
    ]);
  });

  it("still gates and applies when there is nothing new to generate (the rerun after an allow)", async () => {
    const s = steps({ applied: ["0001_drop_x.sql"] });
    expect(await dbChange("drop_x", s)).toBe(0);
    expect(s.log).toContain(
      "db:change: no schema change to generate; checking and applying what is pending",
    );
    expect(s.log).toContain("apply");
  });
});

describe("MIGRATION_NAME", () => {
  it.each([
    ["add_mood", true],
    ["a1", true],
    ["Add_mood", false],
    ["add-mood", false],
    ["--custom", false],
    ["", false],
  ])("%j → %s", (name, ok) => {
    expect(MIGRATION_NAME.test(name)).toBe(ok);
  });
});
