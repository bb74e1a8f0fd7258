import { describe, expect, it } from "vitest";
import { d1CreateArgs } from "./d1-args";
import {
  D1_PAGE_SIZE,
  d1ListPath,
  parseD1Page,
} from "../../deploy/cloudflare/d1-list";

describe("D1 argv and list request", () => {
  it("lists page by page, as wrangler d1 list does", () => {
    expect(d1ListPath("acc", 2)).toBe(
      `/accounts/acc/d1/database?per_page=${D1_PAGE_SIZE}&page=2`,
    );
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

describe("parseD1Page", () => {
  it("reads the API's database objects (the array wrangler d1 list --json prints)", () => {
    const result = [
      {
        uuid: "u-1",
        name: "typed-cicd-staging",
        created_at: "x",
        version: "production",
        num_tables: 0,
        file_size: 0,
        jurisdiction: null,
      },
    ];
    expect(parseD1Page(result)).toEqual([
      {
        uuid: "u-1",
        name: "typed-cicd-staging",
        jurisdiction: null,
        created_at: "x",
      },
    ]);
  });

  it("says what the API answered instead of a list", () => {
    expect(() => parseD1Page({ message: "not a list" })).toThrow(
      'GET /accounts/…/d1/database answered no list of databases: {"message":"not a list"}',
    );
  });
});
