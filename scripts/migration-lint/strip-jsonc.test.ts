import { describe, expect, it } from "vitest";
import { stripJsonc } from "./strip-jsonc";

const parse = (text: string): unknown => JSON.parse(stripJsonc(text));

describe("stripJsonc", () => {
  it("removes line and block comments and trailing commas", () => {
    expect(
      parse('// head\n{ "a": [1, 2, ], /* x */ "b": { "c": true, }, } // tail'),
    ).toEqual({
      a: [1, 2],
      b: { c: true },
    });
  });

  it("leaves comment markers and commas inside strings alone, including escaped quotes", () => {
    expect(
      parse(
        '{ "url": "https://x//y", "s": "a /* b */ ,}", "q": "say \\"hi,\\" ]", }',
      ),
    ).toEqual({
      url: "https://x//y",
      s: "a /* b */ ,}",
      q: 'say "hi," ]',
    });
  });

  it("keeps line breaks so JSON errors point at the right line", () => {
    expect(stripJsonc("/* a\nb */{\n}")).toBe("    \n    {\n}");
    expect(stripJsonc('{"a": 1 // c\n}')).toBe('{"a": 1 \n}');
  });

  it("handles a comment that runs to the end of the text", () => {
    expect(stripJsonc("{} // end")).toBe("{} ");
    expect(stripJsonc("{} /* open")).toBe(`{} ${" ".repeat(7)}`);
  });
});
