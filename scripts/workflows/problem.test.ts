import { describe, expect, it } from "vitest";
import { annotation, formatProblem } from "./problem";

describe("problem output", () => {
  const problem = {
    file: ".github/workflows/q.yml",
    line: 7,
    rule: "pinned-action",
    message: "100% bad\nreally",
  };

  it("prints one line: where, what, which rule", () => {
    expect(formatProblem({ ...problem, message: "bad" })).toBe(
      ".github/workflows/q.yml:7: bad [pinned-action]",
    );
    expect(formatProblem({ file: "a.yml", rule: "r", message: "m" })).toBe(
      "a.yml: m [r]",
    );
  });

  it("writes a GitHub error annotation with escaped message", () => {
    expect(annotation(problem)).toBe(
      "::error file=.github/workflows/q.yml,line=7,title=pinned-action::100%25 bad%0Areally",
    );
  });
});
