import { describe, expect, it } from "vitest";
import {
  evaluateCondition,
  evaluateExpression,
  ExpressionError,
  interpolate,
  type EvalContext,
} from "./expression";

const ctx = (
  failed = false,
  extra: Partial<EvalContext> = {},
): EvalContext => ({
  contexts: {
    github: {
      event_name: "pull_request",
      ref: "refs/pull/1/merge",
      sha: "abc",
    },
    steps: { "playwright-cache": { outputs: { "cache-hit": "true" } } },
    needs: {
      route: { result: "success", outputs: { environment: "staging" } },
    },
    inputs: { environment: "production", "skip-worker": false },
  },
  status: { failed, cancelled: false },
  ...extra,
});

describe("evaluateExpression", () => {
  it("reads contexts with dots, hyphens and brackets, case-insensitively", () => {
    expect(
      evaluateExpression("steps.playwright-cache.outputs.cache-hit", ctx()),
    ).toBe("true");
    expect(
      evaluateExpression("needs['route'].outputs.environment", ctx()),
    ).toBe("staging");
    expect(evaluateExpression("GitHub.Event_Name", ctx())).toBe("pull_request");
    expect(evaluateExpression("steps.missing.outputs.x", ctx())).toBeNull();
  });

  it("compares strings case-insensitively and mixed types as numbers", () => {
    expect(
      evaluateExpression("needs.route.outputs.environment == 'STAGING'", ctx()),
    ).toBe(true);
    expect(
      evaluateExpression(
        "steps.playwright-cache.outputs.cache-hit != 'true'",
        ctx(),
      ),
    ).toBe(false);
    expect(evaluateExpression("inputs.skip-worker == 0", ctx())).toBe(true);
    expect(evaluateExpression("'2' > 1", ctx())).toBe(true);
    expect(evaluateExpression("'abc' == 1", ctx())).toBe(false);
  });

  it("returns operands from && and || (the quality concurrency group)", () => {
    const group =
      "github.event_name == 'pull_request' && github.ref || github.sha";
    expect(evaluateExpression(group, ctx())).toBe("refs/pull/1/merge");
    const push = ctx(false, {
      contexts: {
        github: { event_name: "push", ref: "refs/heads/main", sha: "abc" },
      },
    });
    expect(evaluateExpression(group, push)).toBe("abc");
    expect(evaluateExpression("!(1 == 2) && 'x'", ctx())).toBe("x");
  });

  it("knows the string functions and format", () => {
    expect(
      evaluateExpression("startsWith(github.ref, 'refs/PULL/')", ctx()),
    ).toBe(true);
    expect(evaluateExpression("contains('Hello', 'ell')", ctx())).toBe(true);
    expect(evaluateExpression("format('{0}-{1}', 'a', 2)", ctx())).toBe("a-2");
  });

  it("fails loudly on unknown functions, contexts and syntax", () => {
    expect(() => evaluateExpression("fromJSON('[]')", ctx())).toThrow(
      /unknown function "fromjson\(\)"/,
    );
    expect(() => evaluateExpression("matrixx.os", ctx())).toThrow(
      ExpressionError,
    );
    expect(() => evaluateExpression("steps.*.outputs", ctx())).toThrow(
      /unsupported character "\*"/,
    );
    expect(() => evaluateExpression("1 +", ctx())).toThrow(ExpressionError);
    expect(() => evaluateExpression("'open", ctx())).toThrow(
      /unterminated string/,
    );
  });

  it("calls hashFiles through the context and refuses it where none is given", () => {
    expect(
      evaluateExpression(
        "hashFiles('package-lock.json')",
        ctx(false, { hashFiles: (p) => `h:${p.join()}` }),
      ),
    ).toBe("h:package-lock.json");
    expect(() => evaluateExpression("hashFiles('x')", ctx())).toThrow(
      /hashFiles\(\) is not available/,
    );
  });
});

describe("evaluateCondition", () => {
  it("adds success() unless a status function is named", () => {
    expect(evaluateCondition(undefined, ctx())).toBe(true);
    expect(evaluateCondition(undefined, ctx(true))).toBe(false);
    expect(evaluateCondition("${{ github.sha == 'abc' }}", ctx(true))).toBe(
      false,
    );
    expect(evaluateCondition("${{ !cancelled() }}", ctx(true))).toBe(true);
    expect(evaluateCondition("${{ failure() }}", ctx(false))).toBe(false);
    expect(evaluateCondition("${{ failure() }}", ctx(true))).toBe(true);
    expect(evaluateCondition("${{ always() }}", ctx(true))).toBe(true);
    expect(evaluateCondition("inputs.environment == 'production'", ctx())).toBe(
      true,
    );
  });

  it("uses the needs' success for a job condition (a skipped need is not success)", () => {
    const job = {
      ...ctx(),
      status: { failed: false, cancelled: false, success: false },
    };
    expect(evaluateCondition(undefined, job)).toBe(false);
    expect(evaluateCondition("${{ always() }}", job)).toBe(true);
  });

  it("refuses a condition mixing text and an expression", () => {
    expect(() => evaluateCondition("x ${{ true }}", ctx())).toThrow(
      /mixes text/,
    );
  });
});

describe("interpolate", () => {
  it("replaces every expression and renders null as empty", () => {
    expect(
      interpolate(
        "playwright-${{ github.sha }}-${{ steps.none.outputs.x }}!",
        ctx(),
      ),
    ).toBe("playwright-abc-!");
  });
});
