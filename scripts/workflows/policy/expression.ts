/**
 * GitHub Actions expressions read as GitHub reads them: a lexer and a recursive-descent parser
 * following actions/languageservices `actions-expressions/src/lexer.ts` and `parser.ts` (the
 * TypeScript port of actions/runner's `src/Sdk/DTExpressions2/Expressions2/ExpressionParser.cs`).
 * What the policy relies on:
 * - string literals are single-quoted and `''` escapes a quote (lexer.ts `consumeString`), so
 *   `}}`, `secrets` or `always()` inside a string are text, not code;
 * - context names and function names are case-insensitive (parser.ts lowercases both: `extContexts`
 *   and `validateFunction`), so `SECRETS.X` and `Always()` are what they look like on GitHub;
 * - `true`, `false`, `null` are keywords only in lower case (lexer.ts `consumeIdentifier`);
 * - `.name` after an expression is an index with the literal string `name` (parser.ts `index`).
 * Names are lowercased here once, so every rule compares lower case.
 */

export type Expr =
  | {
      readonly kind: "literal";
      readonly value: string | number | boolean | null;
    }
  | { readonly kind: "context"; readonly name: string }
  | {
      readonly kind: "index";
      readonly object: Expr;
      readonly index: Expr | "*";
    }
  | {
      readonly kind: "call";
      readonly name: string;
      readonly args: readonly Expr[];
    }
  | { readonly kind: "not"; readonly expr: Expr }
  | {
      readonly kind: "compare";
      readonly op: string;
      readonly left: Expr;
      readonly right: Expr;
    }
  | {
      readonly kind: "logical";
      readonly op: "&&" | "||";
      readonly args: readonly Expr[];
    };

type Token =
  | { readonly type: "punct"; readonly text: string }
  | { readonly type: "string"; readonly text: string }
  | { readonly type: "number"; readonly value: number }
  | { readonly type: "ident"; readonly text: string }
  | { readonly type: "eof" };

export class ExpressionSyntaxError extends Error {}

const BOUNDARY = /[()[\],.!><=&|\s]/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const previous = () => tokens.at(-1);
  const readWord = () => {
    const start = i;
    while (i < input.length && !BOUNDARY.test(input[i] ?? "")) i += 1;
    return input.slice(start, i);
  };
  while (i < input.length) {
    const c = input[i] ?? "";
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    const two = input.slice(i, i + 2);
    if (["==", "!=", "<=", ">=", "&&", "||"].includes(two)) {
      tokens.push({ type: "punct", text: two });
      i += 2;
      continue;
    }
    if (c === "'") {
      // '' is an escaped quote inside a string (lexer.ts consumeString).
      let value = "";
      i += 1;
      for (;;) {
        if (i >= input.length)
          throw new ExpressionSyntaxError("unterminated string");
        if (input[i] === "'") {
          if (input[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += input[i];
        i += 1;
      }
      tokens.push({ type: "string", text: value });
      continue;
    }
    const prev = previous();
    const afterOperand =
      prev?.type === "ident" ||
      (prev?.type === "punct" &&
        (prev.text === "]" || prev.text === ")" || prev.text === "*"));
    if (c === "." && afterOperand) {
      tokens.push({ type: "punct", text: "." });
      i += 1;
      continue;
    }
    if ("()[],!<>*".includes(c)) {
      tokens.push({ type: "punct", text: c });
      i += 1;
      continue;
    }
    if (c === "=" || c === "&" || c === "|") {
      throw new ExpressionSyntaxError(`unexpected symbol ${c}`);
    }
    if (/[0-9+\-.]/.test(c)) {
      const start = i;
      i += 1;
      while (
        i < input.length &&
        (!BOUNDARY.test(input[i] ?? "") || input[i] === ".")
      )
        i += 1;
      const value = Number(input.slice(start, i));
      if (Number.isNaN(value))
        throw new ExpressionSyntaxError(`bad number ${input.slice(start, i)}`);
      tokens.push({ type: "number", value });
      continue;
    }
    const word = readWord();
    if (!IDENTIFIER.test(word))
      throw new ExpressionSyntaxError(`unexpected symbol ${word}`);
    tokens.push({ type: "ident", text: word });
  }
  tokens.push({ type: "eof" });
  return tokens;
}

/** Parses one expression body (what is between `${{` and `}}`, or a whole `if:`). */
export function parseExpression(source: string): Expr {
  const tokens = lex(source);
  let at = 0;
  let depth = 0;
  const peek = () => tokens[at] ?? { type: "eof" as const };
  const isPunct = (text: string) => {
    const t = peek();
    return t.type === "punct" && t.text === text;
  };
  const take = (text: string) => {
    if (!isPunct(text)) return false;
    at += 1;
    return true;
  };
  const expect = (text: string) => {
    if (!take(text)) throw new ExpressionSyntaxError(`expected ${text}`);
  };

  const expression = (): Expr => {
    // parser.ts MAX_PARSER_DEPTH is 50; a deeper nesting is refused there too.
    depth += 1;
    if (depth > 50)
      throw new ExpressionSyntaxError("expression nested too deeply");
    try {
      return logical("||", () => logical("&&", equality));
    } finally {
      depth -= 1;
    }
  };
  const logical = (op: "&&" | "||", next: () => Expr): Expr => {
    const first = next();
    if (!isPunct(op)) return first;
    const args = [first];
    while (take(op)) args.push(next());
    return { kind: "logical", op, args };
  };
  const equality = (): Expr => {
    let left = comparison();
    for (;;) {
      const t = peek();
      if (t.type !== "punct" || (t.text !== "==" && t.text !== "!="))
        return left;
      at += 1;
      left = { kind: "compare", op: t.text, left, right: comparison() };
    }
  };
  const comparison = (): Expr => {
    let left = unary();
    for (;;) {
      const t = peek();
      if (t.type !== "punct" || !["<", "<=", ">", ">="].includes(t.text))
        return left;
      at += 1;
      left = { kind: "compare", op: t.text, left, right: unary() };
    }
  };
  const unary = (): Expr =>
    take("!") ? { kind: "not", expr: unary() } : index();
  const index = (): Expr => {
    let expr = call();
    if (expr.kind === "literal") return expr;
    for (;;) {
      if (take("[")) {
        const key: Expr | "*" = take("*") ? "*" : expression();
        expect("]");
        expr = { kind: "index", object: expr, index: key };
      } else if (take(".")) {
        const t = peek();
        if (t.type === "ident") {
          at += 1;
          expr = {
            kind: "index",
            object: expr,
            index: { kind: "literal", value: t.text },
          };
        } else if (take("*")) {
          expr = { kind: "index", object: expr, index: "*" };
        } else
          throw new ExpressionSyntaxError("expected a property name after .");
      } else return expr;
    }
  };
  const call = (): Expr => {
    const t = peek();
    if (
      t.type !== "ident" ||
      ["true", "false", "null", "NaN", "Infinity"].includes(t.text)
    ) {
      return primary();
    }
    at += 1;
    if (!take("(")) return { kind: "context", name: t.text.toLowerCase() };
    const args: Expr[] = [];
    while (!take(")")) {
      args.push(expression());
      if (!isPunct(")")) expect(",");
    }
    return { kind: "call", name: t.text.toLowerCase(), args };
  };
  const primary = (): Expr => {
    const t = peek();
    at += 1;
    if (t.type === "string") return { kind: "literal", value: t.text };
    if (t.type === "number") return { kind: "literal", value: t.value };
    if (t.type === "ident") {
      const keyword: Record<string, string | number | boolean | null> = {
        true: true,
        false: false,
        null: null,
        NaN: Number.NaN,
        Infinity: Number.POSITIVE_INFINITY,
      };
      return { kind: "literal", value: keyword[t.text] ?? null };
    }
    if (t.type === "punct" && t.text === "(") {
      const inner = expression();
      expect(")");
      return inner;
    }
    throw new ExpressionSyntaxError("unexpected symbol or end of expression");
  };

  if (peek().type === "eof")
    throw new ExpressionSyntaxError("an expression was expected");
  const result = expression();
  if (peek().type !== "eof")
    throw new ExpressionSyntaxError("unexpected symbol after the expression");
  return result;
}

/** Every node of an expression, depth first. */
export function* nodes(expr: Expr): Generator<Expr> {
  yield expr;
  switch (expr.kind) {
    case "index":
      yield* nodes(expr.object);
      if (expr.index !== "*") yield* nodes(expr.index);
      break;
    case "call":
    case "logical":
      for (const arg of expr.args) yield* nodes(arg);
      break;
    case "not":
      yield* nodes(expr.expr);
      break;
    case "compare":
      yield* nodes(expr.left);
      yield* nodes(expr.right);
      break;
    default:
      break;
  }
}

/** The value of an expression made of literals only (`false`, `'run'`), else undefined. */
export function literalOf(expr: Expr): string | undefined {
  if (expr.kind !== "literal") return undefined;
  const { value } = expr;
  // GitHub's template reader turns a literal into a string token (BooleanToken.toString: "true").
  return value === null ? "" : String(value);
}

/**
 * A context path with literal indexes, lower-cased: `secrets.X`, `secrets['X']` → ["secrets","x"].
 * A computed or `*` index ends the path with "*".
 */
export function pathOf(expr: Expr): string[] | undefined {
  if (expr.kind === "context") return [expr.name];
  if (expr.kind !== "index") return undefined;
  const base = pathOf(expr.object);
  if (!base) return undefined;
  if (base.at(-1) === "*") return base;
  if (
    expr.index !== "*" &&
    expr.index.kind === "literal" &&
    typeof expr.index.value === "string"
  ) {
    return [...base, expr.index.value.toLowerCase()];
  }
  return [...base, "*"];
}
