import { describe, expect, it } from "vitest";
import { createdDatabaseId } from "./preview-cloudflare";

const uuid = "0f3c2d1e-5a6b-4c7d-8e9f-a0b1c2d3e4f5";

describe("createdDatabaseId: the id `wrangler d1 create` printed", () => {
  it("reads the JSON snippet wrangler prints next to a wrangler.jsonc", () => {
    const stdout = `✅ Successfully created DB 'typed-cicd-pr-1' in region WEUR
Created your new D1 database.

To access your new D1 Database in your Worker, add the following snippet to your configuration file:
${JSON.stringify({ d1_databases: [{ binding: "typed_cicd_pr_1", database_name: "typed-cicd-pr-1", database_id: uuid }] }, null, 2)}
`;
    expect(createdDatabaseId(stdout)).toBe(uuid);
  });

  it("reads the TOML snippet wrangler prints next to a wrangler.toml", () => {
    expect(
      createdDatabaseId(
        `[[d1_databases]]\nbinding = "DB"\ndatabase_name = "x"\ndatabase_id = "${uuid}"\n`,
      ),
    ).toBe(uuid);
  });

  it("answers undefined when the output names no id, or more than one (the caller lists)", () => {
    expect(
      createdDatabaseId("Created your new D1 database.\n"),
    ).toBeUndefined();
    expect(
      createdDatabaseId(
        `"database_id": "${uuid}"\n"database_id": "${uuid.replace("0f", "1f")}"\n`,
      ),
    ).toBeUndefined();
  });
});
