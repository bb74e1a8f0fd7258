/**
 * A YAML string as GitHub's template reader sees it: literal text and `${{ … }}` expressions.
 * Follows actions/languageservices `workflow-parser/src/templates/template-reader.ts`
 * (`parseScalar`): an expression ends at the first `}}` outside a single-quoted string (a `'`
 * toggles "in string", which also covers the `''` escape), and a value that is one expression of
 * literals only becomes that literal (`getExpressionString`: `${{ 'run' }}` is the string `run`).
 * `if:` values are read by `workflow-parser/src/model/converter/if-condition.ts`.
 */
import {
  ExpressionSyntaxError,
  literalOf,
  parseExpression,
  type Expr,
} from "./expression";

export type Segment =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "expression"; readonly source: string };

/** Splits a value into text and expressions; throws on an expression that is never closed. */
export function segmentsOf(raw: string): Segment[] {
  const segments: Segment[] = [];
  let i = 0;
  while (i < raw.length) {
    const start = raw.indexOf("${{", i);
    if (start < 0) {
      segments.push({ kind: "text", text: raw.slice(i) });
      break;
    }
    if (start > i) segments.push({ kind: "text", text: raw.slice(i, start) });
    let end = -1;
    let inString = false;
    for (let j = start + 3; j < raw.length; j += 1) {
      if (raw[j] === "'") inString = !inString;
      else if (!inString && raw[j] === "}" && raw[j - 1] === "}") {
        end = j;
        break;
      }
    }
    if (end < 0) {
      throw new ExpressionSyntaxError(
        "an expression is not closed (no }} after ${{)",
      );
    }
    segments.push({
      kind: "expression",
      source: raw.slice(start + 3, end - 1),
    });
    i = end + 1;
  }
  return segments;
}

export interface ReadValue {
  /** Parsed expressions of the value. */
  readonly expressions: readonly Expr[];
  /** Expressions that do not parse (GitHub refuses the workflow; the audit reports them). */
  readonly errors: readonly string[];
  /** The value GitHub uses when it is known before the run: plain text, or one literal expression. */
  readonly literal: string | undefined;
}

export function readValue(raw: string): ReadValue {
  let segments: Segment[];
  try {
    segments = segmentsOf(raw);
  } catch (error) {
    return {
      expressions: [],
      errors: [(error as Error).message],
      literal: undefined,
    };
  }
  const expressions: Expr[] = [];
  const errors: string[] = [];
  for (const segment of segments) {
    if (segment.kind !== "expression") continue;
    try {
      expressions.push(parseExpression(segment.source));
    } catch (error) {
      errors.push(`${(error as Error).message} in \${{${segment.source}}}`);
    }
  }
  let literal: string | undefined;
  if (segments.every((s) => s.kind === "text")) literal = raw;
  else if (
    segments.length === 1 &&
    expressions.length === 1 &&
    expressions[0]
  ) {
    literal = literalOf(expressions[0]);
  }
  return { expressions, errors, literal };
}

export type Condition =
  | { readonly ok: true; readonly expr: Expr }
  | { readonly ok: false; readonly reason: string };

/**
 * An `if:` as GitHub evaluates it: the whole value is one expression, with or without `${{ }}`
 * (if-condition.ts `convertToIfCondition`). Text around a `${{ }}` makes it a format() string,
 * which is always truthy — refused, as a condition that cannot be what its author meant.
 */
export function readCondition(raw: string): Condition {
  let segments: Segment[];
  try {
    segments = segmentsOf(raw.trim());
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  const only = segments.length === 1 ? segments[0] : undefined;
  const source =
    only?.kind === "expression"
      ? only.source
      : segments.every((s) => s.kind === "text")
        ? raw
        : undefined;
  if (source === undefined) {
    return {
      ok: false,
      reason:
        "text around ${{ }} makes the condition a string, which is always true",
    };
  }
  if (source.trim() === "")
    return { ok: true, expr: { kind: "call", name: "success", args: [] } };
  try {
    return { ok: true, expr: parseExpression(source) };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}
