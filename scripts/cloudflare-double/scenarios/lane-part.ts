import type { ShardSpec } from "../../test-runner/unit-shard";

/**
 * The lanes part I of N runs (quality.yml's cloud-I jobs): lane k goes to part (k mod N) + 1, so
 * every lane runs in exactly one part whatever the lane count, and a part may hold none.
 */
export function lanesOfPart<T>(
  lanes: readonly T[],
  part: ShardSpec,
): { readonly lane: T; readonly index: number }[] {
  return lanes
    .map((lane, index) => ({ lane, index }))
    .filter(({ index }) => index % part.count === part.index - 1);
}
