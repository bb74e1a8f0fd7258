import { describe, expect, it } from "vitest";
import { createStageRunner, timingTable } from "./stages";

describe("stage runner", () => {
  it("skips every stage after a failure without starting it", async () => {
    const lines: string[] = [];
    const stages = createStageRunner((line) => lines.push(line));
    const started: string[] = [];
    await stages.run("migrations: apply", async () => {
      started.push("migrate");
      throw new Error(
        "wrangler d1 migrations apply failed on local: no such table: missing",
      );
    });
    await stages.run("build", async () => {
      started.push("build");
      return "";
    });
    await stages.run("serve built worker", async () => {
      started.push("serve");
      return "";
    });
    expect(started).toEqual(["migrate"]);
    expect(stages.failed).toBe(true);
    expect(stages.results.map((r) => [r.name, r.status])).toEqual([
      ["migrations: apply", "failed"],
      ["build", "skipped"],
      ["serve built worker", "skipped"],
    ]);
    expect(lines).toContain(
      "  ✗ migrations: apply: wrangler d1 migrations apply failed on local: no such table: missing",
    );
  });

  it("times stages and totals them in a table", async () => {
    const stages = createStageRunner(() => undefined);
    await stages.run("a", async () => "note a");
    stages.record({ name: "stop", status: "ok", ms: 1500, note: "" });
    const table = timingTable(stages.results);
    expect(table).toMatch(/^\| stage \| result \| seconds \| note \|/);
    expect(table).toMatch(/\| a \| ok \| 0\.0 \| note a \|/);
    expect(table).toMatch(/\| total \| {2}\| 1\.5 \| {2}\|$/);
  });
});
