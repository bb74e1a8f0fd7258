/**
 * GitHub Actions expressions as data. Builders hold `Expr` references (a step output, an input, a
 * secret, a condition built with `eq`/`and`/`not`) and the YAML gets `${{ … }}` only where a value
 * is rendered, so no builder formats or strips expression strings. This is the one module that
 * spells `${{` (a test enforces it).
 * @see https://docs.github.com/en/actions/reference/workflows-and-actions/expressions
 */

/** Operator precedence, lowest first; an operand binding looser than its operator gets parentheses. */
const Precedence = { Or: 1, And: 2, Compare: 3, Not: 4, Atom: 5 } as const;
type Precedence = (typeof Precedence)[keyof typeof Precedence];

/** Where a job or step output reference points, so builders can validate and re-route it. */
export type Origin =
  | { readonly kind: "step"; readonly step: string; readonly output: string }
  | { readonly kind: "job"; readonly job: string; readonly output: string };

export class Expr {
  constructor(
    /** The expression without `${{ }}`, e.g. `steps.migrate.outputs.bookmark`. */
    readonly body: string,
    readonly precedence: Precedence = Precedence.Atom,
    readonly origin?: Origin,
  ) {}

  /** A reference interpolated into a plain template string would silently become "[object Object]". */
  [Symbol.toPrimitive](): never {
    throw new Error(
      `expression ${this.body}: used as a string — pass the Expr to a builder, or use text\`…\` to embed it`,
    );
  }
}

/** A string with expressions embedded, e.g. text`playwright-${runner.os}-1.2.3`. */
export class Text {
  constructor(readonly parts: readonly (string | Expr)[]) {}
}

/** What a YAML value can be before rendering. */
export type Value = string | number | boolean | Expr | Text;

/** Contexts with a typed helper here: spelling them by hand is how names drift apart. */
const TYPED_CONTEXTS = /^\s*!?\(?\s*(steps|needs|jobs|inputs|secrets)\./;

/** An expression GitHub defines that this module has no helper for (e.g. a function call). */
export function expr(body: string): Expr {
  const context = TYPED_CONTEXTS.exec(body)?.[1];
  if (context !== undefined)
    throw new Error(
      `expr("${body}"): ${context}.* has a typed reference — use a step's or job's outputs, input() or secret()`,
    );
  return new Expr(body);
}

export function text(
  strings: TemplateStringsArray,
  ...values: readonly (string | number | Expr)[]
): Text {
  const parts: (string | Expr)[] = [];
  strings.forEach((chunk, i) => {
    if (chunk) parts.push(chunk);
    const value = values[i];
    if (value !== undefined)
      parts.push(value instanceof Expr ? value : String(value));
  });
  return new Text(parts);
}

/** `inputs.<name>`: a workflow_dispatch or workflow_call input. */
export function input(name: string): Expr {
  return new Expr(`inputs.${name}`);
}

/** `secrets.<name>`: only in jobs bound to the GitHub Environment that holds it. */
export function secret(name: string): Expr {
  return new Expr(`secrets.${name}`);
}

export function stepOutput(step: string, output: string): Expr {
  return new Expr(`steps.${step}.outputs.${output}`, Precedence.Atom, {
    kind: "step",
    step,
    output,
  });
}

/** `needs.<job>.outputs.<name>`: how a later job reads a job's output. */
export function jobOutput(job: string, output: string): Expr {
  return new Expr(`needs.${job}.outputs.${output}`, Precedence.Atom, {
    kind: "job",
    job,
    output,
  });
}

/** The same output seen from `on.workflow_call.outputs` (the `jobs` context). */
export function calledJobOutput(reference: Expr): Expr {
  const origin = reference.origin;
  if (origin?.kind !== "job")
    throw new Error(
      `expression ${reference.body}: not a job output — a workflow_call output must be a BuiltJob's outputs.<name>`,
    );
  return new Expr(`jobs.${origin.job}.outputs.${origin.output}`);
}

export const github = {
  sha: expr("github.sha"),
  ref: expr("github.ref"),
  refName: expr("github.ref_name"),
  baseRef: expr("github.base_ref"),
  eventName: expr("github.event_name"),
  runId: expr("github.run_id"),
} as const;

/** `hashFiles('a', 'b')`: a cache key that changes exactly when those files do. */
export function hashFiles(...patterns: [string, ...string[]]): Expr {
  return expr(`hashFiles(${patterns.map((p) => operand(p, 0)).join(", ")})`);
}

export const runner = { os: expr("runner.os") } as const;

/** Status functions for `if:`. */
/**
 * A condition that calls a status function: GitHub then drops its implicit `success() &&`
 * (actions/languageservices if-condition.ts). Marked in the type so a job bound to an environment
 * cannot take one (environment-job.ts); and/or/not of a marked operand stay marked.
 */
export type StatusExpr = Expr & { readonly statusFunction: true };
const status = (body: string): StatusExpr =>
  Object.assign(expr(body), { statusFunction: true as const });

export const always = (): StatusExpr => status("always()");
export const failure = (): StatusExpr => status("failure()");
export const cancelled = (): StatusExpr => status("cancelled()");
export const success = (): StatusExpr => status("success()");

type Operand = Expr | string | number | boolean;

/** A literal as the expression language spells it: strings in single quotes, ' doubled. */
function operand(value: Operand, binding: number): string {
  if (value instanceof Expr)
    return value.precedence < binding ? `(${value.body})` : value.body;
  if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
  return String(value);
}

export function eq(left: Expr, right: Operand): Expr {
  return new Expr(
    `${operand(left, Precedence.Compare + 1)} == ${operand(right, Precedence.Compare + 1)}`,
    Precedence.Compare,
  );
}

export function ne(left: Expr, right: Operand): Expr {
  return new Expr(
    `${operand(left, Precedence.Compare + 1)} != ${operand(right, Precedence.Compare + 1)}`,
    Precedence.Compare,
  );
}

/** StatusExpr when any operand is one (the result still calls the status function). */
type Marked<T extends readonly unknown[]> = [
  Extract<T[number], StatusExpr>,
] extends [never]
  ? Expr
  : StatusExpr;

function carry(result: Expr, operands: readonly unknown[]): Expr {
  return operands.some((o) => o instanceof Expr && "statusFunction" in o)
    ? Object.assign(result, { statusFunction: true as const })
    : result;
}

export function not<T extends Expr>(value: T): Marked<[T]> {
  return carry(new Expr(`!${operand(value, Precedence.Not)}`, Precedence.Not), [
    value,
  ]) as Marked<[T]>;
}

function join(
  operator: string,
  precedence: Precedence,
  operands: readonly Operand[],
): Expr {
  return new Expr(
    operands.map((value) => operand(value, precedence)).join(` ${operator} `),
    precedence,
  );
}

export function and<T extends [Operand, Operand, ...Operand[]]>(
  ...operands: T
): Marked<T> {
  return carry(join("&&", Precedence.And, operands), operands) as Marked<T>;
}

export function or<T extends [Operand, Operand, ...Operand[]]>(
  ...operands: T
): Marked<T> {
  return carry(join("||", Precedence.Or, operands), operands) as Marked<T>;
}

/** A value as it goes into YAML: expressions wrapped in `${{ }}`, everything else unchanged. */
export function render(value: Expr | Text): string;
export function render<T extends Value>(value: T): Exclude<T, Expr | Text>;
export function render(value: Value): string | number | boolean {
  if (value instanceof Expr) return `\${{ ${value.body} }}`;
  if (value instanceof Text)
    return value.parts
      .map((part) => (part instanceof Expr ? render(part) : part))
      .join("");
  return value;
}

/** Each value of a record rendered (env, with:, outputs). */
export function renderRecord<K extends string, V extends Value>(record: {
  readonly [key in K]: V;
}): Record<K, Exclude<V, Expr | Text> | string> {
  const rendered = {} as Record<K, Exclude<V, Expr | Text> | string>;
  for (const key of Object.keys(record) as K[])
    rendered[key] = render(record[key]) as Exclude<V, Expr | Text> | string;
  return rendered;
}

/**
 * A job-level `if:` as the generated YAML has always spelled it: the bare expression (GitHub
 * evaluates `if:` as an expression with or without `${{ }}`).
 */
export function condition(value: Expr): string {
  return value.body;
}
