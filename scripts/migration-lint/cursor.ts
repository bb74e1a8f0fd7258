import type { Token } from "./tokenize";

/** A read position over a statement's tokens; parsers stay small by sharing these few moves. */
export class Cursor {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset];
  }

  next(): Token | undefined {
    const token = this.tokens[this.index];
    if (token !== undefined) this.index += 1;
    return token;
  }

  /** True when the next tokens are exactly these keywords; consumes them only then. */
  accept(...keywords: string[]): boolean {
    const matches = keywords.every((keyword, offset) => {
      const token = this.peek(offset);
      return token?.kind === "word" && token.value === keyword;
    });
    if (matches) this.index += keywords.length;
    return matches;
  }

  acceptPunct(value: string): boolean {
    const token = this.peek();
    if (token?.kind !== "punct" || token.value !== value) return false;
    this.index += 1;
    return true;
  }

  /** Reads a possibly schema-qualified name (`main.users`) and returns its last part. */
  name(): string | undefined {
    let token = this.peek();
    if (
      token === undefined ||
      (token.kind !== "word" && token.kind !== "identifier")
    )
      return undefined;
    this.index += 1;
    while (this.peek()?.value === "." && this.peek()?.kind === "punct") {
      const part = this.peek(1);
      if (
        part === undefined ||
        (part.kind !== "word" && part.kind !== "identifier")
      )
        return undefined;
      this.index += 2;
      token = part;
    }
    return token.text;
  }

  /** The tokens from here up to (not including) the parenthesis that closes the one just consumed. */
  untilClosingParen(): Token[] | undefined {
    const inside: Token[] = [];
    let depth = 1;
    for (let token = this.next(); token !== undefined; token = this.next()) {
      if (token.kind === "punct" && token.value === "(") depth += 1;
      if (token.kind === "punct" && token.value === ")") depth -= 1;
      if (depth === 0) return inside;
      inside.push(token);
    }
    return undefined;
  }

  rest(): Token[] {
    const remaining = this.tokens.slice(this.index);
    this.index = this.tokens.length;
    return remaining;
  }

  atEnd(): boolean {
    return this.index >= this.tokens.length;
  }
}

/** Splits tokens on commas that are not inside parentheses. */
export function splitTopLevel(tokens: readonly Token[]): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === "punct" && token.value === "(") depth += 1;
    if (token.kind === "punct" && token.value === ")") depth -= 1;
    if (token.kind === "punct" && token.value === "," && depth === 0)
      parts.push([]);
    else parts.at(-1)?.push(token);
  }
  return parts;
}

/** True when a keyword occurs outside every parenthesis (so not in a subquery). */
export function hasTopLevelWord(
  tokens: readonly Token[],
  keyword: string,
): boolean {
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === "punct" && token.value === "(") depth += 1;
    if (token.kind === "punct" && token.value === ")") depth -= 1;
    if (depth === 0 && token.kind === "word" && token.value === keyword)
      return true;
  }
  return false;
}

/** The line of the first unbalanced parenthesis, or undefined when they balance. */
export function unbalancedParenLine(
  tokens: readonly Token[],
): number | undefined {
  const open: Token[] = [];
  for (const token of tokens) {
    if (token.kind === "punct" && token.value === "(") open.push(token);
    if (
      token.kind === "punct" &&
      token.value === ")" &&
      open.pop() === undefined
    )
      return token.line;
  }
  return open[0]?.line;
}
