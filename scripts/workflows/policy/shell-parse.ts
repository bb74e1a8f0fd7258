/**
 * A package.json script read by a real shell parser (mvdan-sh: mvdan/sh, the parser behind shfmt,
 * compiled to JavaScript), not split on words: quotes are joined the way bash joins them
 * (`n"p"x` is the word `npx`), and anything whose value is only known when it runs — parameter,
 * command or process substitution, arithmetic, globs, `NAME=value` prefixes, redirections,
 * functions, subshells, loops — is refused, because the allow-list could not tell which command
 * it becomes. What remains is a list of commands, each a list of literal words.
 */
import sh, { type ShNode } from "mvdan-sh";

const { syntax } = sh;

export type ShellParse =
  | { readonly ok: true; readonly commands: readonly (readonly string[])[] }
  | { readonly ok: false; readonly reason: string };

class Refused extends Error {}

const list = (value: unknown): ShNode[] =>
  Array.isArray(value) ? (value as ShNode[]) : [];

/** A word's value when it is literal text (quotes joined), else a Refused naming what it holds. */
function literalWord(word: ShNode): string {
  let out = "";
  for (const part of list(word["Parts"])) {
    const type = syntax.NodeType(part);
    if (type === "Lit") {
      const value = String(part["Value"]);
      // Unquoted: a backslash escape, a glob or a leading ~ is rewritten by the shell.
      if (/[\\*?[~{]/.test(value))
        throw new Refused(`the word ${value} is expanded by the shell`);
      out += value;
    } else if (type === "SglQuoted") {
      if (part["Dollar"])
        throw new Refused("$'…' strings are decoded by the shell");
      out += String(part["Value"]);
    } else if (type === "DblQuoted") {
      if (part["Dollar"])
        throw new Refused('$"…" strings are translated by the shell');
      for (const inner of list(part["Parts"])) {
        if (syntax.NodeType(inner) !== "Lit") {
          throw new Refused(
            `"${syntax.NodeType(inner)}" inside double quotes is only known at run time`,
          );
        }
        const value = String(inner["Value"]);
        if (value.includes("\\"))
          throw new Refused("a backslash escape inside double quotes");
        out += value;
      }
    } else {
      throw new Refused(
        `${type} (an expansion or substitution) is only known at run time`,
      );
    }
  }
  return out;
}

function walkStatement(stmt: ShNode, out: string[][]): void {
  if (list(stmt["Redirs"]).length > 0)
    throw new Refused("a redirection (<, >, <<)");
  if (stmt["Background"] || stmt["Coprocess"])
    throw new Refused("a background command (&)");
  const cmd = stmt["Cmd"] as ShNode | null | undefined;
  if (!cmd) return;
  const type = syntax.NodeType(cmd);
  if (type === "CallExpr") {
    const assigns = list(cmd["Assigns"]);
    if (assigns.length > 0) {
      const name = (assigns[0]?.["Name"] as ShNode | undefined)?.["Value"];
      throw new Refused(
        `the assignment ${String(name)}=… changes what the command runs`,
      );
    }
    const words = list(cmd["Args"]).map(literalWord);
    if (words.length > 0) out.push(words);
    return;
  }
  if (type === "BinaryCmd") {
    // &&, ||, | and |&: both sides run.
    walkStatement(cmd["X"] as ShNode, out);
    walkStatement(cmd["Y"] as ShNode, out);
    return;
  }
  throw new Refused(
    `a ${type} (functions, subshells, blocks, loops, conditionals are not allowed in scripts)`,
  );
}

export function parseShell(body: string): ShellParse {
  let file: ShNode;
  try {
    file = syntax
      .NewParser(syntax.Variant(syntax.LangBash))
      .Parse(body, "script");
  } catch (error) {
    return {
      ok: false,
      reason: `bash cannot parse it (${String((error as Error).message ?? error).split("\n")[0]})`,
    };
  }
  const commands: string[][] = [];
  try {
    for (const stmt of list(file["Stmts"])) walkStatement(stmt, commands);
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.message };
    throw error;
  }
  return { ok: true, commands };
}
