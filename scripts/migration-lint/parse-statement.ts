import { Cursor, hasTopLevelWord, unbalancedParenLine } from "./cursor";
import { parseColumnDef, parseTableBody } from "./parse-table-definition";
import type { ParsedStatement } from "./parsed-statement";
import type { Statement } from "./split-statements";

/** Statements SQLite accepts that no rule looks into. */
const otherStatementWords = new Set([
  "SELECT",
  "VALUES",
  "INSERT",
  "REPLACE",
  "ANALYZE",
  "REINDEX",
  "VACUUM",
  "ATTACH",
  "DETACH",
  "EXPLAIN",
  "BEGIN",
  "COMMIT",
  "END",
  "ROLLBACK",
  "SAVEPOINT",
  "RELEASE",
]);

const otherCreateWords = new Set([
  "INDEX",
  "UNIQUE",
  "VIEW",
  "TRIGGER",
  "VIRTUAL",
]);
const otherDropWords = new Set(["INDEX", "VIEW", "TRIGGER"]);

export function parseStatement(statement: Statement): ParsedStatement {
  const error = (message: string): ParsedStatement => ({
    kind: "parse-error",
    message,
    line: statement.line,
  });
  const badParen = unbalancedParenLine(statement.tokens);
  if (badParen !== undefined)
    return {
      kind: "parse-error",
      message: "unbalanced parentheses",
      line: badParen,
    };
  const cursor = new Cursor(statement.tokens);
  const first = cursor.peek();
  if (first?.kind !== "word")
    return error(`a statement cannot start with "${first?.value ?? ""}"`);
  if (cursor.accept("CREATE")) return parseCreate(cursor, error);
  if (cursor.accept("ALTER", "TABLE")) return parseAlterTable(cursor, error);
  if (cursor.accept("DROP")) return parseDrop(cursor, error);
  if (cursor.accept("PRAGMA")) {
    const name = cursor.name();
    return name === undefined
      ? error("PRAGMA without a name")
      : { kind: "pragma", name: name.toLowerCase() };
  }
  if (first.value === "WITH") return parseWith(cursor, error);
  if (first.value === "DELETE" || first.value === "UPDATE")
    return parseWrite(cursor, error);
  if (otherStatementWords.has(first.value))
    return { kind: "other", keyword: first.value };
  return error(`unknown statement "${first.value}"`);
}

type ErrorOf = (message: string) => ParsedStatement;

function parseCreate(cursor: Cursor, error: ErrorOf): ParsedStatement {
  if (!cursor.accept("TEMP")) cursor.accept("TEMPORARY");
  const what = cursor.peek();
  if (what?.kind === "word" && otherCreateWords.has(what.value)) {
    if (what.value === "TRIGGER" && cursor.rest().at(-1)?.value !== "END") {
      return error("CREATE TRIGGER without a closing END");
    }
    return { kind: "other", keyword: `CREATE ${what.value}` };
  }
  if (!cursor.accept("TABLE"))
    return error(`unknown CREATE statement "CREATE ${what?.value ?? ""}"`);
  cursor.accept("IF", "NOT", "EXISTS");
  const table = cursor.name();
  if (table === undefined) return error("CREATE TABLE without a table name");
  if (cursor.accept("AS"))
    return { kind: "create-table", table, columns: [], foreignKeys: [] };
  if (!cursor.acceptPunct("("))
    return error(`CREATE TABLE ${table}: expected "(" or AS after the name`);
  const body = cursor.untilClosingParen();
  if (body === undefined) return error(`CREATE TABLE ${table}: missing ")"`);
  const parsed = parseTableBody(body);
  if (!parsed.ok) return error(`CREATE TABLE ${table}: ${parsed.message}`);
  return {
    kind: "create-table",
    table,
    columns: parsed.columns,
    foreignKeys: parsed.foreignKeys,
  };
}

function parseAlterTable(cursor: Cursor, error: ErrorOf): ParsedStatement {
  const table = cursor.name();
  if (table === undefined) return error("ALTER TABLE without a table name");
  if (cursor.accept("RENAME", "TO")) {
    const newName = cursor.name();
    return newName === undefined
      ? error("RENAME TO without a new name")
      : { kind: "rename-table", table, newName };
  }
  if (cursor.accept("RENAME")) {
    cursor.accept("COLUMN");
    const column = cursor.name();
    const newName = cursor.accept("TO") ? cursor.name() : undefined;
    if (column === undefined || newName === undefined)
      return error("expected RENAME [COLUMN] old TO new");
    return { kind: "rename-column", table, column, newName };
  }
  if (cursor.accept("DROP")) {
    cursor.accept("COLUMN");
    const column = cursor.name();
    return column === undefined
      ? error("DROP COLUMN without a column name")
      : { kind: "drop-column", table, column };
  }
  if (cursor.accept("ADD")) {
    cursor.accept("COLUMN");
    const parsed = parseColumnDef(cursor.rest());
    if (!parsed.ok) return error(`ADD COLUMN: ${parsed.message}`);
    return {
      kind: "add-column",
      table,
      column: parsed.column,
      foreignKeys: parsed.foreignKeys,
    };
  }
  return error(`ALTER TABLE ${table}: expected RENAME, ADD or DROP`);
}

function parseDrop(cursor: Cursor, error: ErrorOf): ParsedStatement {
  const what = cursor.peek();
  if (cursor.accept("INDEX")) {
    cursor.accept("IF", "EXISTS");
    const name = cursor.name();
    return name === undefined
      ? error("DROP INDEX without an index name")
      : { kind: "drop-index", name };
  }
  if (what?.kind === "word" && otherDropWords.has(what.value))
    return { kind: "other", keyword: `DROP ${what.value}` };
  if (!cursor.accept("TABLE"))
    return error(`unknown DROP statement "DROP ${what?.value ?? ""}"`);
  cursor.accept("IF", "EXISTS");
  const table = cursor.name();
  return table === undefined
    ? error("DROP TABLE without a table name")
    : { kind: "drop-table", table };
}

/** `WITH … AS (…) DELETE/UPDATE/INSERT/SELECT`: the common table expressions sit in parentheses. */
function parseWith(cursor: Cursor, error: ErrorOf): ParsedStatement {
  const tokens = cursor.rest();
  let depth = 0;
  for (const [i, token] of tokens.entries()) {
    if (token.kind === "punct" && token.value === "(") depth += 1;
    if (token.kind === "punct" && token.value === ")") depth -= 1;
    if (depth !== 0 || token.kind !== "word" || i === 0) continue;
    if (token.value === "DELETE" || token.value === "UPDATE")
      return parseWrite(new Cursor(tokens.slice(i)), error);
    if (
      token.value === "INSERT" ||
      token.value === "REPLACE" ||
      token.value === "SELECT"
    ) {
      return { kind: "other", keyword: token.value };
    }
  }
  return error("WITH without a DELETE, UPDATE, INSERT or SELECT");
}

function parseWrite(cursor: Cursor, error: ErrorOf): ParsedStatement {
  const kind = cursor.accept("DELETE", "FROM")
    ? "delete"
    : cursor.accept("UPDATE")
      ? "update"
      : undefined;
  if (kind === undefined) return error("expected DELETE FROM or UPDATE");
  if (kind === "update" && cursor.accept("OR")) cursor.next();
  const table = cursor.name();
  if (table === undefined)
    return error(`${kind.toUpperCase()} without a table name`);
  return { kind, table, hasWhere: hasTopLevelWord(cursor.rest(), "WHERE") };
}
