import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applySync, planSync, readGeneratedLocations } from "./generated-files";
import { withHeader } from "./header";

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "gen-workflows-"));
  mkdirSync(path.join(root, ".github/workflows"), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const put = (file: string, text: string) =>
  writeFileSync(path.join(root, file), text);

describe("planSync + applySync", () => {
  it("writes what changed, deletes our orphans and never touches other files", () => {
    const fresh = withHeader(
      "yaml",
      "workflows-src/workflows/a.ts",
      "name: a\n",
    );
    put(".github/workflows/a.yml", "name: old\n");
    put(
      ".github/workflows/gone.yml",
      withHeader("yaml", "workflows-src/workflows/gone.ts", "name: g\n"),
    );
    put(".github/workflows/theirs.yml", "name: theirs\n");
    const planned = [
      {
        path: ".github/workflows/a.yml",
        content: fresh,
        source: "workflows-src/workflows/a.ts",
      },
      {
        path: "docs/deployment/diagrams/a.md",
        content: "# a\n",
        source: "workflows-src/workflows/a.ts",
      },
    ];
    const plan = planSync(planned, readGeneratedLocations(root));
    expect(plan.write.map((f) => f.path)).toEqual([
      ".github/workflows/a.yml",
      "docs/deployment/diagrams/a.md",
    ]);
    expect(plan.remove).toEqual([".github/workflows/gone.yml"]);
    applySync(root, plan);
    expect(
      readFileSync(path.join(root, ".github/workflows/a.yml"), "utf8"),
    ).toBe(fresh);
    expect(existsSync(path.join(root, "docs/deployment/diagrams/a.md"))).toBe(
      true,
    );
    expect(existsSync(path.join(root, ".github/workflows/gone.yml"))).toBe(
      false,
    );
    expect(existsSync(path.join(root, ".github/workflows/theirs.yml"))).toBe(
      true,
    );
    const again = planSync(planned, readGeneratedLocations(root));
    expect(again.write).toEqual([]);
    expect(again.remove).toEqual([]);
  });
});
