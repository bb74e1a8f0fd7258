import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  annotation,
  appendSummary,
  escapeAnnotation,
  markdownTable,
  reportError,
  setOutput,
} from "./github-io";

const dir = mkdtempSync(join(tmpdir(), "github-io-"));
afterEach(() => vi.restoreAllMocks());

describe("github-io", () => {
  it("writes outputs and summaries only when Actions provides the files", () => {
    const output = join(dir, "out");
    const summary = join(dir, "summary");
    writeFileSync(output, "");
    setOutput("bookmark", "0001-abc", { GITHUB_OUTPUT: output });
    setOutput("ignored", "x", {});
    appendSummary("## Migrate", { GITHUB_STEP_SUMMARY: summary });
    expect(readFileSync(output, "utf8")).toBe("bookmark=0001-abc\n");
    expect(readFileSync(summary, "utf8")).toBe("## Migrate\n");
    expect(() => setOutput("x", "a\nb", { GITHUB_OUTPUT: output })).toThrow(
      /contains a newline/,
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it("annotates errors on Actions and escapes them", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    reportError("50% broken\nsecond", { GITHUB_ACTIONS: "true" });
    reportError("plain", {});
    expect(spy.mock.calls).toEqual([
      ["::error::50%25 broken%0Asecond"],
      ["error: plain"],
    ]);
    expect(escapeAnnotation("a\r\n")).toBe("a%0D%0A");
  });

  it("escapes annotation properties so a file name cannot end the command", () => {
    expect(
      annotation("error", "a: b, 100%", {
        file: "drizzle/0001_a,b:c.sql",
        line: 3,
        title: "migration-lint drop-column",
      }),
    ).toBe(
      "::error file=drizzle/0001_a%2Cb%3Ac.sql,line=3,title=migration-lint drop-column::a: b, 100%25",
    );
    expect(annotation("notice", "x")).toBe("::notice::x");
  });

  it("renders a markdown table with escaped pipes", () => {
    expect(markdownTable(["a", "b"], [["1", "x|y"]])).toBe(
      "| a | b |\n| --- | --- |\n| 1 | x\\|y |",
    );
  });
});
