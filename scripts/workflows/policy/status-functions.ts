/**
 * GitHub's status-function rule for `if:`: a condition that calls success(), failure(),
 * cancelled() or always() anywhere (in any case, inside any operator or argument) is used as it
 * is; any other condition runs as `success() && (condition)`. Source: actions/languageservices
 * `workflow-parser/src/model/converter/if-condition.ts` (`ensureStatusFunction`,
 * `walkTreeToFindStatusFunctionCalls`), and actions/runner
 * `src/Sdk/DTPipelines/Pipelines/ObjectTemplating/PipelineTemplateConverter.cs` (`ConvertToIfCondition`).
 */
import { callsAny } from "./expressions";
import { pathOf, type Expr } from "./expression";

export const STATUS_FUNCTIONS: ReadonlySet<string> = new Set([
  "success",
  "failure",
  "cancelled",
  "always",
]);

export function hasStatusFunction(expr: Expr): boolean {
  return callsAny(expr, STATUS_FUNCTIONS);
}

/** The operands of a top-level `&&` chain (parentheses are already gone from the tree). */
function conjuncts(expr: Expr): Expr[] {
  return expr.kind === "logical" && expr.op === "&&"
    ? expr.args.flatMap(conjuncts)
    : [expr];
}

/** `needs.<job>.result == 'success'` (either side), giving the job id in lower case. */
function needsSucceeded(expr: Expr): string | undefined {
  if (expr.kind !== "compare" || expr.op !== "==") return undefined;
  for (const [side, other] of [
    [expr.left, expr.right],
    [expr.right, expr.left],
  ] as const) {
    const path = pathOf(side);
    if (
      path?.length === 3 &&
      path[0] === "needs" &&
      path[2] === "result" &&
      path[1] !== "*" &&
      other.kind === "literal" &&
      typeof other.value === "string" &&
      // Comparison of strings is case-insensitive on GitHub (evaluator: abstractEqual).
      other.value.toLowerCase() === "success"
    ) {
      return path[1];
    }
  }
  return undefined;
}

/**
 * Whether a condition that dropped the implicit success() still runs only when every job it
 * needs succeeded: one of its top-level `&&` operands is success(), or there is one
 * `needs.<job>.result == 'success'` operand per needed job.
 */
export function stillRequiresSuccess(
  expr: Expr,
  needs: readonly string[],
): boolean {
  if (!hasStatusFunction(expr)) return true;
  const operands = conjuncts(expr);
  if (
    operands.some(
      (e) => e.kind === "call" && e.name === "success" && e.args.length === 0,
    )
  ) {
    return true;
  }
  // Without needs, nothing else stops always() from running after the run was cancelled.
  if (needs.length === 0) {
    return operands.some(
      (e) =>
        e.kind === "not" &&
        e.expr.kind === "call" &&
        e.expr.name === "cancelled" &&
        e.expr.args.length === 0,
    );
  }
  const succeeded = new Set(operands.map(needsSucceeded).filter(Boolean));
  return needs.every((job) => succeeded.has(job.toLowerCase()));
}
