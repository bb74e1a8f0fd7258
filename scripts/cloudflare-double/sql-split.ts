/**
 * Splits a SQL text into statements the way D1's query endpoint does before running them one by
 * one: on `;` outside quotes, comments and `CREATE TRIGGER … BEGIN … END` bodies. node:sqlite's
 * `prepare` takes one statement, and D1 answers one result per statement, so the double needs the
 * statements, not just `exec`.
 */
export function splitSql(sql: string): string[] {
  const statements: string[] = [];
  let current = "";
  let depth = 0; // BEGIN … END nesting inside CREATE TRIGGER
  let i = 0;
  const words = () => current.toUpperCase();
  while (i < sql.length) {
    const ch = sql[i] as string;
    const next = sql[i + 1];
    if (ch === "-" && next === "-") {
      const end = sql.indexOf("\n", i);
      const stop = end === -1 ? sql.length : end + 1;
      current += sql.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === "/" && next === "*") {
      const end = sql.indexOf("*/", i + 2);
      const stop = end === -1 ? sql.length : end + 2;
      current += sql.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === "`" || ch === "[") {
      const close = ch === "[" ? "]" : ch;
      let j = i + 1;
      while (j < sql.length) {
        if (sql[j] === close) {
          if (close !== "]" && sql[j + 1] === close) {
            j += 2;
            continue;
          }
          break;
        }
        j += 1;
      }
      current += sql.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_]/.test(ch) && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? " ")) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i));
      const word = (match?.[0] ?? ch).toUpperCase();
      if (word === "BEGIN" && /\bCREATE\s+(TEMP\w*\s+)?TRIGGER\b/.test(words()))
        depth += 1;
      if (word === "END" && depth > 0) depth -= 1;
      current += match?.[0] ?? ch;
      i += (match?.[0] ?? ch).length;
      continue;
    }
    if (ch === ";" && depth === 0) {
      push(statements, current);
      current = "";
      i += 1;
      continue;
    }
    current += ch;
    i += 1;
  }
  push(statements, current);
  return statements;
}

function push(statements: string[], text: string): void {
  const stripped = text
    .replace(/--[^\n]*(\n|$)/g, "")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .trim();
  if (stripped !== "") statements.push(text.trim());
}
