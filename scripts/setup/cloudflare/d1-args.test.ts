import { describe, expect, it } from "vitest";
import { d1CreateArgs, d1ListArgs } from "./d1-args";
import { parseD1List } from "./d1-list";

describe("D1 argv", () => {
  it("lists as JSON", () => {
    expect(d1ListArgs()).toEqual(["d1", "list", "--json"]);
  });

  it("creates with the source's placement and never lets wrangler edit the config", () => {
    expect(d1CreateArgs("typed-cicd-staging", {})).toEqual([
      "d1",
      "create",
      "typed-cicd-staging",
      "--update-config=false",
    ]);
    expect(d1CreateArgs("db", { location: "weur" })).toEqual([
      "d1",
      "create",
      "db",
      "--location",
      "weur",
      "--update-config=false",
    ]);
    expect(d1CreateArgs("db", { jurisdiction: "eu" })).toContain(
      "--jurisdiction",
    );
  });
});

describe("parseD1List", () => {
  it("reads wrangler's JSON array, ignoring anything printed before it", () => {
    const stdout = `warning: something\n${JSON.stringify([
      {
        uuid: "u-1",
        name: "typed-cicd-staging",
        created_at: "x",
        version: "production",
        num_tables: 0,
        file_size: 0,
        jurisdiction: null,
      },
    ])}\n`;
    expect(parseD1List(stdout)).toEqual([
      { uuid: "u-1", name: "typed-cicd-staging", jurisdiction: null },
    ]);
  });

  it("says what wrangler printed instead of JSON", () => {
    expect(() =>
      parseD1List("✘ [ERROR] Authentication error [code: 10000]\n"),
    ).toThrow(
      "wrangler d1 list --json printed no JSON array: ✘ [ERROR] Authentication error [code: 10000]",
    );
  });
});
