import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { emitYaml, type YamlValue } from "./emit-yaml";

type Doc = { [key: string]: YamlValue };

const TRICKY = [
  "",
  "true",
  "No",
  "null",
  "~",
  "22",
  "1.5",
  ".5",
  "0x1F",
  "-1",
  "- item",
  "a: b",
  "a #b",
  "trailing ",
  " leading",
  "#comment",
  "*alias",
  "&anchor",
  "!tag",
  "@scoped/pkg",
  "`tick`",
  "[x]",
  "{x}",
  "'single'",
  '"double"',
  "%percent",
  "|pipe",
  ">fold",
  "key:",
  "~/.cache/ms-playwright",
  "src/**",
  "**/*.ts",
  "${{ github.event_name == 'pull_request' && github.ref || github.run_id }}",
  "${{ !cancelled() }}",
  "ünïcode — dash",
  "tab\there",
];

describe("emitYaml", () => {
  it("round-trips tricky scalars through a real YAML parser", () => {
    const doc: Doc = {
      list: TRICKY,
      map: Object.fromEntries(TRICKY.map((s, i) => [`k${i}`, s])),
    };
    expect(parse(emitYaml(doc))).toEqual(doc);
  });

  it("round-trips keys, numbers, booleans, null, nesting and empty collections", () => {
    const doc: Doc = {
      on: { pull_request: {}, push: { branches: ["main"] } },
      true: 1,
      n: null,
      flags: [true, false, 0, 2.5],
      empty: [],
      nested: [[1, 2], { a: [{ b: "c" }] }],
    };
    expect(parse(emitYaml(doc))).toEqual(doc);
  });

  it("keeps multi-line strings byte for byte in block scalars", () => {
    for (const text of [
      "a\nb",
      "a\nb\n",
      "a\nb\n\n",
      "line 1\n\n  indented\nend",
    ]) {
      const out = emitYaml({ run: text, seq: [text] });
      expect(out).toMatch(/run: \|/);
      expect(parse(out)).toEqual({ run: text, seq: [text] });
    }
  });

  it("refuses a multi-line string that starts with whitespace", () => {
    expect(() => emitYaml({ run: "  a\nb" })).toThrow(/starts with whitespace/);
  });

  it("writes `on:` plain and quotes scalars YAML 1.1 would misread", () => {
    const out = emitYaml({ on: "yes", v: "22" });
    expect(out).toBe('on: "yes"\nv: "22"\n');
  });

  it("adds trailing comments where asked, without changing the value", () => {
    const out = emitYaml(
      { steps: [{ uses: "o/r@abc" }] },
      {
        comment: (key, value) =>
          key === "uses" && value === "o/r@abc" ? "v1.2.3" : undefined,
      },
    );
    expect(out).toBe("steps:\n  - uses: o/r@abc # v1.2.3\n");
    expect(parse(out)).toEqual({ steps: [{ uses: "o/r@abc" }] });
  });

  it("is deterministic and never emits anchors, aliases or folded lines", () => {
    const shared = { a: "x".repeat(200) };
    const doc: Doc = { one: shared, two: shared };
    const out = emitYaml(doc);
    expect(emitYaml(doc)).toBe(out);
    expect(out).not.toMatch(/[&*]\w|^\s*>/m);
    expect(out.split("\n").filter((l) => l.includes("xxx"))).toHaveLength(2);
  });
});
