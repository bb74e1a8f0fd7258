import type { Token } from "./tokenize";

export interface Statement {
  /** Code tokens only, without the terminating semicolon. */
  readonly tokens: readonly Token[];
  /** Line of the first code token. */
  readonly line: number;
  /** Source offsets of the first and past the last code token: the statement as SQLite sees it. */
  readonly start: number;
  readonly end: number;
  /** Comments before the statement, inside it, and after it on its last line. */
  readonly comments: readonly Token[];
}

interface Draft {
  tokens: Token[];
  comments: Token[];
}

/** drizzle-kit's migrator splits on this comment, so it separates statements even without a `;`. */
export function isStatementBreakpoint(token: Token): boolean {
  return (
    token.kind === "comment" && token.value.trim() === "> statement-breakpoint"
  );
}

function isTrigger(tokens: readonly Token[]): boolean {
  const words = tokens.slice(0, 3).map((t) => t.value);
  return (
    words[0] === "CREATE" && (words[1] === "TRIGGER" || words[2] === "TRIGGER")
  );
}

/**
 * Splits a token stream into statements the way SQLite does (`;` ends a statement, except inside
 * a trigger's BEGIN … END body), and hands each statement the comments that belong to it.
 * `breakpoints: false` for D1's own reading (the Cloudflare double): only drizzle's migrator splits
 * on `--> statement-breakpoint`; D1 and `wrangler d1 migrations apply` see a comment.
 */
export function splitStatements(
  tokens: readonly Token[],
  { breakpoints = true }: { readonly breakpoints?: boolean } = {},
): Statement[] {
  const statements: Statement[] = [];
  let draft: Draft = { tokens: [], comments: [] };
  let blockDepth = 0;
  let lastEndLine = -1;

  const finish = (endLine: number): void => {
    const first = draft.tokens[0];
    const last = draft.tokens.at(-1);
    if (first !== undefined && last !== undefined) {
      statements.push({
        tokens: draft.tokens,
        line: first.line,
        start: first.start,
        end: last.end,
        comments: draft.comments,
      });
      draft = { tokens: [], comments: [] };
      lastEndLine = endLine;
    }
    blockDepth = 0;
  };

  for (const token of tokens) {
    if (token.kind === "comment") {
      const previous = statements.at(-1);
      if (
        breakpoints &&
        isStatementBreakpoint(token) &&
        draft.tokens.length > 0
      ) {
        finish(token.line);
      } else if (
        draft.tokens.length === 0 &&
        previous !== undefined &&
        token.line === lastEndLine
      ) {
        statements[statements.length - 1] = {
          ...previous,
          comments: [...previous.comments, token],
        };
      } else {
        draft.comments.push(token);
      }
      continue;
    }
    if (token.kind === "punct" && token.value === ";" && blockDepth === 0) {
      finish(token.line);
      continue;
    }
    draft.tokens.push(token);
    if (token.kind === "word" && isTrigger(draft.tokens)) {
      if (token.value === "BEGIN" || token.value === "CASE") blockDepth += 1;
      if (token.value === "END") blockDepth -= 1;
    }
  }
  finish(-1);
  return statements;
}
