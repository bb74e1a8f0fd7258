import { describe, expect, it } from "vitest";
import { D1_ID_PLACEHOLDER, environmentNotes } from "./wrangler-environments";

const PLACEHOLDER_NOTE =
  "wrangler.jsonc: env.*.d1_databases database_id is a placeholder — the setup script creates each database by name and writes its id";
const d1 = (id: string) => [
  { binding: "DB", database_name: "db", database_id: id },
];

describe("environmentNotes: the D1 placeholder", () => {
  it("is named while an environment block has no real id yet", () => {
    const top = { d1_databases: d1("real-top") };
    expect(environmentNotes(top, "wrangler.jsonc")).toContain(PLACEHOLDER_NOTE);
    expect(
      environmentNotes(
        {
          ...top,
          env: {
            staging: { d1_databases: d1("4a1f…real") },
            production: { d1_databases: d1(D1_ID_PLACEHOLDER) },
          },
        },
        "wrangler.jsonc",
      ),
    ).toContain(PLACEHOLDER_NOTE);
  });

  it("is not named once setup wrote every environment's id (a second init after setup)", () => {
    expect(
      environmentNotes(
        {
          d1_databases: d1("real-top"),
          env: {
            staging: { d1_databases: d1("4a1f-staging") },
            production: { d1_databases: d1("9c2e-production") },
          },
        },
        "wrangler.jsonc",
      ),
    ).not.toContain(PLACEHOLDER_NOTE);
  });
});
