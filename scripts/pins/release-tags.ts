/**
 * Release tags from `git ls-remote --tags` output: which commit each tag names (annotated tags
 * dereferenced through their `^{}` line), which tags are releases (vX.Y.Z, no pre-release), and
 * which release is the newest by semantic-version order (not by date, not by string order).
 */

export interface Release {
  readonly tag: string;
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/** Tag name → the commit it points to. Lines look like `<sha>\trefs/tags/<name>[^{}]`. */
export function parseLsRemote(output: string): Map<string, string> {
  const direct = new Map<string, string>();
  const peeled = new Map<string, string>();
  for (const line of output.split("\n")) {
    const match = /^([0-9a-f]{40})\trefs\/tags\/(.+?)(\^\{\})?$/.exec(
      line.trim(),
    );
    if (!match) continue;
    const [, sha = "", name = "", deref] = match;
    (deref ? peeled : direct).set(name, sha);
  }
  // An annotated tag's own line names the tag object; its ^{} line names the commit.
  const commits = new Map(direct);
  for (const [name, sha] of peeled) commits.set(name, sha);
  return commits;
}

/**
 * A release tag: `v1.2.3` or `1.2.3`. Pre-releases (`v2.0.0-beta.1`), build metadata, floating
 * majors (`v4`) and anything else return undefined.
 */
export function parseRelease(tag: string): Release | undefined {
  const match = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.exec(tag);
  if (!match) return undefined;
  return {
    tag,
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
  };
}

export function compareReleases(a: Release, b: Release): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** The newest release among the tags; `v1.2.3` wins over `1.2.3` of the same version. */
export function newestRelease(tags: Iterable<string>): Release | undefined {
  let best: Release | undefined;
  for (const tag of tags) {
    const release = parseRelease(tag);
    if (!release) continue;
    const order = best ? compareReleases(release, best) : 1;
    if (order > 0 || (order === 0 && tag.startsWith("v"))) best = release;
  }
  return best;
}

export type Bump = "major" | "minor" | "patch";

export function bumpKind(from: Release, to: Release): Bump | undefined {
  if (to.major !== from.major) return "major";
  if (to.minor !== from.minor) return "minor";
  if (to.patch !== from.patch) return "patch";
  return undefined;
}

/** Any version-looking tag, pre-releases included: the pinned version may be one. */
export function parseVersion(
  tag: string,
): (Release & { readonly prerelease: boolean }) | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?$/.exec(tag);
  if (!match) return undefined;
  return {
    tag,
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    prerelease: match[4] !== undefined,
  };
}
