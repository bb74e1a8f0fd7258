/**
 * A small SQLite lexer. node-sql-parser 5.4 rejects statements drizzle-kit emits for D1
 * (`PRAGMA foreign_keys=OFF`, `[bracketed]` identifiers, upserts), so the gate reads SQL with
 * its own lexer and recognises only the statement shapes its rules need.
 */

export type TokenKind =
  "word" | "identifier" | "string" | "number" | "punct" | "comment";

export interface Token {
  readonly kind: TokenKind;
  /** Keywords upper-cased, quoted identifiers unquoted, strings unquoted, comments without markers. */
  readonly value: string;
  /** Names as written (a word's value is upper-cased for keyword matching). */
  readonly text: string;
  readonly line: number;
  /** Offsets into the source: `sql.slice(start, end)` is the token as written. */
  readonly start: number;
  readonly end: number;
}

export interface LexError {
  readonly line: number;
  readonly message: string;
}

export interface TokenizeResult {
  readonly tokens: readonly Token[];
  readonly error?: LexError;
}

const closingQuote: Readonly<Record<string, string>> = {
  '"': '"',
  "`": "`",
  "[": "]",
};

function countNewlines(text: string): number {
  return text.split("\n").length - 1;
}

export function tokenize(sql: string): TokenizeResult {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  const push = (kind: TokenKind, value: string, raw: string): void => {
    tokens.push({
      kind,
      value,
      text: kind === "word" ? raw : value,
      line,
      start: i,
      end: i + raw.length,
    });
    line += countNewlines(raw);
  };
  while (i < sql.length) {
    const ch = sql.charAt(i);
    const rest = sql.slice(i);
    if (ch === "\n") {
      line += 1;
      i += 1;
    } else if (/\s/.test(ch)) {
      i += 1;
    } else if (rest.startsWith("--")) {
      const end = sql.indexOf("\n", i);
      const raw = end === -1 ? rest : sql.slice(i, end);
      push("comment", raw.slice(2), raw);
      i += raw.length;
    } else if (rest.startsWith("/*")) {
      const end = sql.indexOf("*/", i + 2);
      if (end === -1)
        return { tokens, error: { line, message: "unterminated /* comment" } };
      const raw = sql.slice(i, end + 2);
      push("comment", raw.slice(2, -2), raw);
      i += raw.length;
    } else if (ch === "'") {
      const raw = readQuoted(sql, i, "'");
      if (raw === undefined)
        return {
          tokens,
          error: { line, message: "unterminated string literal" },
        };
      push("string", raw.slice(1, -1).replaceAll("''", "'"), raw);
      i += raw.length;
    } else if (ch in closingQuote) {
      const close = closingQuote[ch] ?? ch;
      const raw = readQuoted(sql, i, close);
      if (raw === undefined) {
        return {
          tokens,
          error: {
            line,
            message: `unterminated quoted identifier ${ch}…${close}`,
          },
        };
      }
      const inner = raw.slice(1, -1);
      push(
        "identifier",
        close === "]" ? inner : inner.replaceAll(close + close, close),
        raw,
      );
      i += raw.length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const raw = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(rest)?.[0] ?? ch;
      push("word", raw.toUpperCase(), raw);
      i += raw.length;
    } else if (/[0-9.]/.test(ch) && /^\.?[0-9]/.test(rest)) {
      const raw =
        /^(0x[0-9a-f]+|[0-9]*\.?[0-9]+(e[+-]?[0-9]+)?)/i.exec(rest)?.[0] ?? ch;
      push("number", raw, raw);
      i += raw.length;
    } else {
      const raw = /^(\|\||<<|>>|<=|>=|==|!=|<>|->>|->)/.exec(rest)?.[0] ?? ch;
      push("punct", raw, raw);
      i += raw.length;
    }
  }
  return { tokens };
}

/** Returns the quoted text including both quotes, or undefined when the closing quote is missing. */
function readQuoted(
  sql: string,
  start: number,
  close: string,
): string | undefined {
  let i = start + 1;
  while (i < sql.length) {
    if (sql.charAt(i) === close) {
      // A doubled quote is an escaped quote, except for ] which cannot be escaped.
      if (close !== "]" && sql.charAt(i + 1) === close) {
        i += 2;
        continue;
      }
      return sql.slice(start, i + 1);
    }
    i += 1;
  }
  return undefined;
}
