/**
 * The `${{ }}` expression subset our workflows use, evaluated with GitHub's semantics: literals,
 * context lookups (`a.b-c`, `a['b']`, case-insensitive), `! == != < <= > >= && ||`, parentheses,
 * and the functions below. Anything else throws an ExpressionError naming the expression: a form
 * ci:local does not know must fail loudly, never evaluate to something plausible.
 * Semantics: https://docs.github.com/en/actions/reference/workflows-and-actions/expressions
 */
export type Value = null | boolean | number | string | Value[] | ValueMap;
export interface ValueMap {
  readonly [key: string]: Value | undefined;
}

export class ExpressionError extends Error {}

/** Status of the job so far, for the status-check functions. */
export interface JobStatus {
  readonly failed: boolean;
  readonly cancelled: boolean;
  /** For a job's `if:`: every needed job succeeded (a skipped need is not success). */
  readonly success?: boolean;
}

function succeeded(status: JobStatus): boolean {
  return status.success ?? (!status.failed && !status.cancelled);
}

export interface EvalContext {
  /** github, env, steps, needs, inputs, secrets, runner, jobs, vars, matrix… */
  readonly contexts: ValueMap;
  readonly status: JobStatus;
  /** hashFiles(): sha-256 over the matching files, '' when none (see hash-files.ts). */
  readonly hashFiles?: (patterns: readonly string[]) => string;
}

type Token =
  | { kind: "num"; value: number }
  | { kind: "str"; value: string }
  | { kind: "ident"; value: string }
  | { kind: "op"; value: string };

const OPERATORS = [
  "==",
  "!=",
  "<=",
  ">=",
  "&&",
  "||",
  "!",
  "<",
  ">",
  "(",
  ")",
  "[",
  "]",
  ".",
  ",",
];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      let value = "";
      i++;
      for (;;) {
        if (i >= source.length)
          throw new ExpressionError(`unterminated string in "${source}"`);
        if (source[i] === "'") {
          if (source[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += source[i];
        i++;
      }
      tokens.push({ kind: "str", value });
    } else if (
      /[0-9]/.test(ch) ||
      (ch === "-" && /[0-9]/.test(source[i + 1] ?? ""))
    ) {
      const match = /^-?(0x[0-9a-f]+|\d+(\.\d+)?(e[+-]?\d+)?)/i.exec(
        source.slice(i),
      );
      const text = (match as RegExpExecArray)[0];
      tokens.push({ kind: "num", value: Number(text) });
      i += text.length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const text = (
        /^[A-Za-z_][A-Za-z0-9_-]*/.exec(source.slice(i)) as RegExpExecArray
      )[0];
      tokens.push({ kind: "ident", value: text });
      i += text.length;
    } else {
      const op = OPERATORS.find((o) => source.startsWith(o, i));
      if (!op) {
        throw new ExpressionError(
          `unsupported character "${ch}" in "${source}" — ci:local knows literals, contexts, ! == != < > && || and calls`,
        );
      }
      tokens.push({ kind: "op", value: op });
      i += op.length;
    }
  }
  return tokens;
}

type Node =
  | { type: "literal"; value: Value }
  | { type: "context"; name: string }
  | { type: "index"; target: Node; key: Node }
  | { type: "not"; operand: Node }
  | { type: "binary"; op: string; left: Node; right: Node }
  | { type: "call"; name: string; args: Node[] };

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  parse(): Node {
    const node = this.or();
    if (this.pos < this.tokens.length)
      this.fail(`unexpected "${this.describe(this.tokens[this.pos])}"`);
    return node;
  }

  private fail(message: string): never {
    throw new ExpressionError(`${message} in "${this.source}"`);
  }

  private describe(token: Token | undefined): string {
    return token ? String(token.value) : "end";
  }

  private peekOp(...ops: string[]): string | undefined {
    const token = this.tokens[this.pos];
    return token?.kind === "op" && ops.includes(token.value)
      ? token.value
      : undefined;
  }

  private expect(op: string): void {
    if (!this.peekOp(op))
      this.fail(
        `expected "${op}" but found "${this.describe(this.tokens[this.pos])}"`,
      );
    this.pos++;
  }

  private binary(next: () => Node, ...ops: string[]): Node {
    let left = next();
    for (let op = this.peekOp(...ops); op; op = this.peekOp(...ops)) {
      this.pos++;
      left = { type: "binary", op, left, right: next() };
    }
    return left;
  }

  private or = (): Node => this.binary(this.and, "||");
  private and = (): Node => this.binary(this.equality, "&&");
  private equality = (): Node => this.binary(this.comparison, "==", "!=");
  private comparison = (): Node =>
    this.binary(this.unary, "<", "<=", ">", ">=");

  private unary = (): Node => {
    if (this.peekOp("!")) {
      this.pos++;
      return { type: "not", operand: this.unary() };
    }
    return this.postfix();
  };

  private postfix(): Node {
    let node = this.primary();
    for (;;) {
      if (this.peekOp(".")) {
        this.pos++;
        const token = this.tokens[this.pos++];
        if (token?.kind !== "ident")
          this.fail(
            `expected a property name after "." (ci:local has no "*" filter)`,
          );
        node = {
          type: "index",
          target: node,
          key: { type: "literal", value: token.value },
        };
      } else if (this.peekOp("[")) {
        this.pos++;
        node = { type: "index", target: node, key: this.or() };
        this.expect("]");
      } else {
        return node;
      }
    }
  }

  private primary(): Node {
    const token = this.tokens[this.pos++];
    if (!token) this.fail("unexpected end");
    if (token.kind === "num" || token.kind === "str")
      return { type: "literal", value: token.value };
    if (token.kind === "op" && token.value === "(") {
      const inner = this.or();
      this.expect(")");
      return inner;
    }
    if (token.kind === "ident") {
      const lower = token.value.toLowerCase();
      if (lower === "true" || lower === "false")
        return { type: "literal", value: lower === "true" };
      if (lower === "null") return { type: "literal", value: null };
      if (this.peekOp("(")) {
        this.pos++;
        const args: Node[] = [];
        if (!this.peekOp(")")) {
          args.push(this.or());
          while (this.peekOp(",")) {
            this.pos++;
            args.push(this.or());
          }
        }
        this.expect(")");
        return { type: "call", name: lower, args };
      }
      return { type: "context", name: token.value };
    }
    this.fail(`unexpected "${token.value}"`);
  }
}

export function parseExpression(source: string): Node {
  return new Parser(tokenize(source), source).parse();
}

export function truthy(value: Value): boolean {
  if (value === null || value === false || value === "") return false;
  if (typeof value === "number") return value !== 0 && !Number.isNaN(value);
  return true;
}

function toNumber(value: Value): number {
  if (value === null) return 0;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") return value;
  if (typeof value === "string") return value.trim() === "" ? 0 : Number(value);
  return Number.NaN;
}

/** GitHub's loose equality: strings compare case-insensitively, mixed types as numbers. */
function compare(left: Value, right: Value): number {
  if (typeof left === "string" && typeof right === "string") {
    const a = left.toUpperCase();
    const b = right.toUpperCase();
    return a === b ? 0 : a < b ? -1 : 1;
  }
  if (typeof left === "object" && left !== null)
    return left === right ? 0 : Number.NaN;
  const a = toNumber(left);
  const b = toNumber(right);
  return a === b ? 0 : a < b ? -1 : a > b ? 1 : Number.NaN;
}

export function toText(value: Value): string {
  if (value === null) return "";
  if (typeof value === "object") return JSON.stringify(value, null, 2);
  return String(value);
}

function lookup(target: Value, key: Value): Value {
  if (target === null || typeof target !== "object") return null;
  if (Array.isArray(target)) {
    const index = toNumber(key);
    return Number.isInteger(index) ? (target[index] ?? null) : null;
  }
  const name = toText(key).toLowerCase();
  const found = Object.keys(target).find((k) => k.toLowerCase() === name);
  return found === undefined ? null : (target[found] ?? null);
}

/** Does the expression call a status function (then no implicit success() is added)? */
export function hasStatusFunction(node: Node): boolean {
  switch (node.type) {
    case "call":
      return (
        ["always", "success", "failure", "cancelled"].includes(node.name) ||
        node.args.some(hasStatusFunction)
      );
    case "binary":
      return hasStatusFunction(node.left) || hasStatusFunction(node.right);
    case "not":
      return hasStatusFunction(node.operand);
    case "index":
      return hasStatusFunction(node.target) || hasStatusFunction(node.key);
    default:
      return false;
  }
}

export function evaluate(node: Node, ctx: EvalContext, source = ""): Value {
  const ev = (n: Node): Value => evaluate(n, ctx, source);
  switch (node.type) {
    case "literal":
      return node.value;
    case "context": {
      const name = Object.keys(ctx.contexts).find(
        (k) => k.toLowerCase() === node.name.toLowerCase(),
      );
      if (name === undefined) {
        throw new ExpressionError(
          `unknown context "${node.name}" in "${source}" — ci:local provides ${Object.keys(ctx.contexts).join(", ")}`,
        );
      }
      return ctx.contexts[name] ?? null;
    }
    case "index":
      return lookup(ev(node.target), ev(node.key));
    case "not":
      return !truthy(ev(node.operand));
    case "binary": {
      if (node.op === "&&") {
        const left = ev(node.left);
        return truthy(left) ? ev(node.right) : left;
      }
      if (node.op === "||") {
        const left = ev(node.left);
        return truthy(left) ? left : ev(node.right);
      }
      const c = compare(ev(node.left), ev(node.right));
      switch (node.op) {
        case "==":
          return c === 0;
        case "!=":
          return c !== 0;
        case "<":
          return c < 0;
        case "<=":
          return c <= 0;
        case ">":
          return c > 0;
        default:
          return c >= 0;
      }
    }
    case "call":
      return call(node.name, node.args.map(ev), ctx, source);
  }
}

function call(
  name: string,
  args: Value[],
  ctx: EvalContext,
  source: string,
): Value {
  const text = (i: number): string => toText(args[i] ?? null);
  switch (name) {
    case "always":
      return true;
    case "success":
      return succeeded(ctx.status);
    case "failure":
      return ctx.status.failed;
    case "cancelled":
      return ctx.status.cancelled;
    case "contains": {
      const haystack = args[0] ?? null;
      if (Array.isArray(haystack))
        return haystack.some((item) => compare(item, args[1] ?? null) === 0);
      return text(0).toLowerCase().includes(text(1).toLowerCase());
    }
    case "startswith":
      return text(0).toLowerCase().startsWith(text(1).toLowerCase());
    case "endswith":
      return text(0).toLowerCase().endsWith(text(1).toLowerCase());
    case "format":
      return text(0).replace(/\{(\d+)\}/g, (_, i: string) =>
        text(Number(i) + 1),
      );
    case "hashfiles":
      if (!ctx.hashFiles)
        throw new ExpressionError(
          `hashFiles() is not available here in "${source}"`,
        );
      return ctx.hashFiles(args.map((a) => toText(a)));
    default:
      throw new ExpressionError(
        `unknown function "${name}()" in "${source}" — ci:local knows always, success, failure, cancelled, contains, startsWith, endsWith, format, hashFiles`,
      );
  }
}

/** Evaluates one expression body (without `${{ }}`). */
export function evaluateExpression(source: string, ctx: EvalContext): Value {
  return evaluate(parseExpression(source), ctx, source);
}

/**
 * An `if:` condition: `${{ }}` optional; without a status function GitHub adds `success() &&`.
 */
export function evaluateCondition(
  condition: string | boolean | undefined,
  ctx: EvalContext,
): boolean {
  if (condition === undefined) return succeeded(ctx.status);
  if (typeof condition === "boolean") return condition && succeeded(ctx.status);
  const trimmed = condition.trim();
  const whole = /^\$\{\{([\s\S]*)\}\}$/.exec(trimmed);
  const body =
    whole && !whole[1]?.includes("}}") ? (whole[1] as string) : trimmed;
  if (body.includes("${{")) {
    throw new ExpressionError(
      `if: "${condition}" mixes text and \${{ }} — ci:local evaluates a condition that is one expression`,
    );
  }
  const node = parseExpression(body);
  const value = truthy(evaluate(node, ctx, body));
  return hasStatusFunction(node) ? value : value && succeeded(ctx.status);
}

/** Replaces every `${{ expr }}` in a string with its value as text (null → ''). */
export function interpolate(template: string, ctx: EvalContext): string {
  return template.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, body: string) =>
    toText(evaluateExpression(body, ctx)),
  );
}
