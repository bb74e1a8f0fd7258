import { describe, expect, it } from "vitest";
import {
  validateDependabot,
  type DependabotUpdate,
  type UpdateOptions,
} from "./dependabot";

const update: DependabotUpdate = {
  "package-ecosystem": "npm",
  directory: "/",
  schedule: { interval: "weekly", time: "05:00" },
  groups: { "minor-and-patch": { patterns: ["*"] } },
};
const check = (patch: Partial<UpdateOptions>) => () =>
  validateDependabot("src.ts", {
    version: 2,
    updates: [{ ...update, ...patch }],
  });

describe("validateDependabot", () => {
  it("accepts a valid update", () => {
    expect(check({})).not.toThrow();
  });

  it("names the field GitHub would reject", () => {
    expect(check({ schedule: { interval: "weekly", time: "5am" } })).toThrow(
      'src.ts: updates[0].schedule.time: "5am" — use hh:mm (24-hour)',
    );
    expect(check({ groups: { "Minor Patch": { patterns: ["*"] } } })).toThrow(
      "src.ts: updates[0].groups.Minor Patch: use lower-case letters",
    );
    expect(check({ groups: { types: { patterns: [] } } })).toThrow(
      "src.ts: updates[0].groups.types.patterns: empty",
    );
  });
});
