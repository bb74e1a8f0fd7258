import { describe, expect, it } from "vitest";
import { parseKeyValueFile } from "./command-files";

describe("parseKeyValueFile", () => {
  it("reads name=value and heredoc values", () => {
    const text = "a=1\nb=x=y\nnotes<<EOF\nline one\nline two\nEOF\nc=\n";
    expect(parseKeyValueFile(text, "out")).toEqual({
      a: "1",
      b: "x=y",
      notes: "line one\nline two",
      c: "",
    });
  });

  it("names the file and the bad line", () => {
    expect(() => parseKeyValueFile("justaname\n", "GITHUB_OUTPUT")).toThrow(
      /GITHUB_OUTPUT: "justaname"/,
    );
    expect(() => parseKeyValueFile("x<<END\nbody\n", "GITHUB_ENV")).toThrow(
      /no closing "END"/,
    );
  });
});
