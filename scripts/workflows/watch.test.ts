import { describe, expect, it } from "vitest";
import { createBatcher, isGeneratorInput } from "./watch";

describe("isGeneratorInput", () => {
  it.each([
    ["workflows-src/builders/deploy.ts", true],
    ["workflows-src/workflows/quality.ts", true],
    ["scripts/workflows/emit-yaml.ts", true],
    ["scripts/workflows/preload.mjs", true],
    ["package.json", true],
    ["workflows-src/builders/deploy.test.ts", false],
    ["workflows-src/builders/.deploy.ts.swp", false],
    ["workflows-src/builders/deploy.ts~", false],
    ["scripts/deploy/release.ts", false],
    ["tsconfig.json", false],
  ])("%s → %s", (path, expected) => {
    expect(isGeneratorInput(path)).toBe(expected);
  });
});

describe("createBatcher", () => {
  it("runs once per burst of saves, with each file once, sorted", async () => {
    const runs: (readonly string[])[] = [];
    const batcher = createBatcher(async (files) => {
      runs.push(files);
    }, 20);
    batcher.add("b.ts");
    batcher.add("a.ts");
    batcher.add("b.ts");
    await batcher.idle();
    expect(runs).toEqual([["a.ts", "b.ts"]]);
  });

  it("queues changes made during a run into exactly one more run", async () => {
    const runs: (readonly string[])[] = [];
    let release: () => void = () => {};
    const batcher = createBatcher(async (files) => {
      runs.push(files);
      if (runs.length === 1) await new Promise<void>((r) => (release = r));
    }, 10);
    batcher.add("a.ts");
    await new Promise((r) => setTimeout(r, 40));
    batcher.add("b.ts");
    batcher.add("c.ts");
    await new Promise((r) => setTimeout(r, 40));
    expect(runs).toEqual([["a.ts"]]);
    release();
    await batcher.idle();
    expect(runs).toEqual([["a.ts"], ["b.ts", "c.ts"]]);
  });
});
