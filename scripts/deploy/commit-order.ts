/**
 * Deploy runs queue per environment, so commit A's run can finish after B's. Promoting A then
 * would put older code over newer: before an upload, the release compares its commit with the tag
 * (commit SHA) of the version serving now and stops when the serving commit already contains it.
 */
import { spawnSync } from "node:child_process";
import { SHA_PATTERN } from "./git-sha";

/** true/false from git; undefined when git cannot tell (commit not in this clone's history). */
export type IsAncestor = (
  ancestor: string,
  descendant: string,
) => boolean | undefined;

export function gitIsAncestor(cwd: string): IsAncestor {
  return (ancestor, descendant) => {
    const result = spawnSync(
      "git",
      ["merge-base", "--is-ancestor", ancestor, descendant],
      { cwd, stdio: "ignore" },
    );
    if (result.status === 0) return true;
    if (result.status === 1) return false;
    return undefined;
  };
}

export type CommitOrder =
  | { readonly kind: "newer" }
  | { readonly kind: "same" }
  /** The serving commit contains this one: promoting would ship older code. */
  | { readonly kind: "older"; readonly servingSha: string }
  | { readonly kind: "unknown"; readonly reason: string };

export function compareWithServing(
  sha: string,
  servingTag: string | undefined,
  isAncestor: IsAncestor,
): CommitOrder {
  if (servingTag === undefined || !SHA_PATTERN.test(servingTag)) {
    return {
      kind: "unknown",
      reason: `the serving version's tag ${servingTag === undefined ? "is missing" : `"${servingTag}" is not a commit SHA`} (deployed outside this pipeline?)`,
    };
  }
  if (servingTag === sha) return { kind: "same" };
  const contained = isAncestor(sha, servingTag);
  if (contained === true) return { kind: "older", servingSha: servingTag };
  if (contained === false) return { kind: "newer" };
  return {
    kind: "unknown",
    reason: `serving commit ${servingTag.slice(0, 12)} is not in this checkout's history (shallow clone, or a force-pushed branch)`,
  };
}
