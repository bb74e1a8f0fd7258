import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseEnvironments } from "../../workflows-src/environments";
import { workflows } from "../../workflows-src/index";
import { generate } from "./generate";
import { withHeader } from "./header";

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "generate-"));
  mkdirSync(path.join(root, ".github/workflows"), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const orphan = ".github/workflows/old.yml";
const list = () => readdirSync(path.join(root, ".github/workflows")).sort();

describe("generate", () => {
  it("writes every workflow and diagram, deletes our orphan, and is idempotent", async () => {
    writeFileSync(
      path.join(root, orphan),
      withHeader("yaml", "workflows-src/workflows/old.ts", "name: old\n"),
    );
    const first = await generate(root, async () => ({ workflows }));
    expect(first.ok && first.plan.remove).toEqual([orphan]);
    expect(list()).toEqual(workflows.map((w) => w.file).sort());
    const second = await generate(root, async () => ({ workflows }));
    expect(second.ok && second.plan.write).toEqual([]);
  });

  it("writes nothing and reports the field path when an environment is invalid", async () => {
    writeFileSync(
      path.join(root, orphan),
      withHeader("yaml", "workflows-src/workflows/old.ts", "name: old\n"),
    );
    const result = await generate(root, async () => {
      parseEnvironments({ staging: {}, production: {} });
      return { workflows };
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toContain(
      "environments.ts: staging.name: Missing — use lower-case letters, digits and dashes, equal to its key",
    );
    expect(list()).toEqual(["old.yml"]);
    expect(readFileSync(path.join(root, orphan), "utf8")).toContain(
      "name: old",
    );
  });
});
