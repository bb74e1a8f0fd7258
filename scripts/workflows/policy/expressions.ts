/**
 * What a value reads from GitHub's contexts, from the parsed expressions (expression.ts), never
 * from the text: `'secrets.X'` inside a string literal reads nothing, `SECRETS.X` reads a secret.
 */
import { nodes, pathOf, type Expr } from "./expression";
import { readValue } from "./template";

/** The parsed `${{ … }}` expressions of a value (those that parse; see expressionErrors). */
export function expressionsIn(value: string): Expr[] {
  return [...readValue(value).expressions];
}

export interface SecretUse {
  /** Named secrets, upper-cased (GitHub's secret names are case-insensitive). */
  readonly names: readonly string[];
  /** The whole context or a computed index: toJSON(secrets), secrets[…], secrets passed on. */
  readonly dynamic: boolean;
}

/** Each use of a context: its path (`secrets.x`) or, when the context itself is used, [name]. */
function contextUses(expr: Expr): string[][] {
  const uses: string[][] = [];
  const walk = (node: Expr): void => {
    if (node.kind === "index" || node.kind === "context") {
      const path = pathOf(node);
      if (path) {
        uses.push(path);
        // Indexes computed from other contexts (secrets[github.x]) are uses too.
        let cursor: Expr = node;
        while (cursor.kind === "index") {
          if (cursor.index !== "*") walk(cursor.index);
          cursor = cursor.object;
        }
        return;
      }
    }
    for (const child of directChildren(node)) walk(child);
  };
  walk(expr);
  return uses;
}

function directChildren(node: Expr): Expr[] {
  switch (node.kind) {
    case "index":
      return node.index === "*" ? [node.object] : [node.object, node.index];
    case "call":
    case "logical":
      return [...node.args];
    case "not":
      return [node.expr];
    case "compare":
      return [node.left, node.right];
    default:
      return [];
  }
}

export function secretUse(expressions: readonly Expr[]): SecretUse {
  const names: string[] = [];
  let dynamic = false;
  for (const expr of expressions) {
    for (const path of contextUses(expr)) {
      if (path[0] !== "secrets") continue;
      const name = path[1];
      if (name === undefined || name === "*") dynamic = true;
      else names.push(name.toUpperCase());
    }
  }
  return { names, dynamic };
}

/**
 * Context paths an outsider controls: anything from the event payload (titles, bodies, branch
 * names, commit messages), the head branch, and `inputs` where a caller other than a person with
 * write access (workflow_call, a composite action's user) provides them. A computed index into
 * `github` may reach the event, so it counts too.
 */
export function untrustedIn(
  expressions: readonly Expr[],
  inputsUntrusted: boolean,
): string | undefined {
  for (const expr of expressions) {
    for (const path of contextUses(expr)) {
      const [root, first] = path;
      if (
        (root === "github" &&
          (first === "event" || first === "head_ref" || first === "*")) ||
        (root === "inputs" && inputsUntrusted)
      ) {
        return path.join(".");
      }
    }
  }
  return undefined;
}

/** Whether an expression calls any of the named functions (lower case), anywhere in it. */
export function callsAny(expr: Expr, names: ReadonlySet<string>): boolean {
  for (const node of nodes(expr)) {
    if (node.kind === "call" && names.has(node.name)) return true;
  }
  return false;
}
