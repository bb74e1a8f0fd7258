/** What `--against` names: a commit (SHA or any git revision) or a deployment environment. */

export type Against =
  | { readonly kind: "commit"; readonly revision: string }
  | { readonly kind: "environment"; readonly name: string };

/** An environment name wins over a branch or tag of the same name: `--against staging` means what serves staging. */
export function parseAgainst(
  value: string,
  environmentNames: readonly string[],
): Against {
  const trimmed = value.trim();
  if (trimmed === "")
    throw new Error(
      `--against is empty — give a commit (SHA) or one of: ${environmentNames.join(", ")}`,
    );
  return environmentNames.includes(trimmed)
    ? { kind: "environment", name: trimmed }
    : { kind: "commit", revision: trimmed };
}
