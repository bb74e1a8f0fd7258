import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unstable_readConfig } from "wrangler";
import { afterEach, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../deploy/wrangler";
import { readDatabaseId, writeDatabaseId } from "./wrangler-config-edit";

const SHIPPED = readFileSync(join(REPO_ROOT, "wrangler.jsonc"), "utf8");
const ID = "4a1f3c2e-9b8d-4e7f-a6c5-0d1e2f3a4b5c";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe("database_id in wrangler.jsonc", () => {
  it("reads the placeholder of each env", () => {
    expect(readDatabaseId(SHIPPED, "staging", "DB")).toBe(
      "00000000-0000-0000-0000-000000000001",
    );
    expect(readDatabaseId(SHIPPED, "production", "DB")).toBe(
      "00000000-0000-0000-0000-000000000002",
    );
  });

  it("changes only the id string of that env: comments, commas and the local binding stay", () => {
    const edited = writeDatabaseId(SHIPPED, "staging", "DB", ID);
    const before = SHIPPED.split("\n");
    const after = edited.split("\n");
    expect(after).toHaveLength(before.length);
    const changed = after.filter((line, i) => line !== before[i]);
    expect(changed).toEqual([
      `          "database_id": "${ID}", // written by npm run setup`,
    ]);
    expect(readDatabaseId(edited, "production", "DB")).toBe(
      "00000000-0000-0000-0000-000000000002",
    );
    expect(writeDatabaseId(edited, "staging", "DB", ID)).toBe(edited);
  });

  it("is read back by wrangler's own config reader", () => {
    dir = mkdtempSync(join(tmpdir(), "setup-jsonc-"));
    const file = join(dir, "wrangler.jsonc");
    writeFileSync(file, writeDatabaseId(SHIPPED, "production", "DB", ID));
    const config = unstable_readConfig({ config: file, env: "production" });
    expect(config.d1_databases[0]?.database_id).toBe(ID);
    expect(
      unstable_readConfig({ config: file, env: "staging" }).d1_databases[0]
        ?.database_id,
    ).toBe("00000000-0000-0000-0000-000000000001");
  });

  it("names the missing env block or binding", () => {
    expect(() => writeDatabaseId(SHIPPED, "preview", "DB", ID)).toThrow(
      "wrangler.jsonc: env.preview.d1_databases is missing — add the env block (see docs/deployment/environments-guide.md)",
    );
    expect(() => readDatabaseId(SHIPPED, "staging", "DATA")).toThrow(
      'wrangler.jsonc: env.staging.d1_databases: no entry with binding "DATA" — add one',
    );
    expect(() => readDatabaseId("{ oops", "staging", "DB")).toThrow(
      /^wrangler\.jsonc: not valid JSONC/,
    );
  });
});
