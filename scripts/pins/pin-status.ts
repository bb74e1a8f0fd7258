/**
 * Judges one catalog pin against its repository's tags. A pin is behind when a newer release tag
 * exists. It is compromised-looking when its own tag now names another commit (moved) or no longer
 * exists (gone): those are never updated automatically, because the repository's tags are exactly
 * what can no longer be trusted.
 */
import type { CatalogEntry } from "./catalog-text";
import {
  bumpKind,
  compareReleases,
  newestRelease,
  parseVersion,
  type Bump,
} from "./release-tags";

export interface Target {
  readonly tag: string;
  readonly sha: string;
}

export type PinStatus =
  | { readonly kind: "current"; readonly entry: CatalogEntry }
  | {
      readonly kind: "behind";
      readonly entry: CatalogEntry;
      readonly newest: Target;
      /** Undefined when the pinned version is not semver (then any release counts as newer). */
      readonly bump: Bump | undefined;
    }
  | {
      readonly kind: "moved";
      readonly entry: CatalogEntry;
      /** The commit the pinned tag names now. */
      readonly remoteSha: string;
      readonly newest: Target | undefined;
    }
  | {
      readonly kind: "gone";
      readonly entry: CatalogEntry;
      readonly newest: Target | undefined;
    }
  | {
      readonly kind: "unreachable";
      readonly entry: CatalogEntry;
      readonly error: string;
    };

export function assessPin(
  entry: CatalogEntry,
  tags: ReadonlyMap<string, string>,
): PinStatus {
  const release = newestRelease(tags.keys());
  const newest = release
    ? { tag: release.tag, sha: tags.get(release.tag) ?? "" }
    : undefined;
  const remoteSha = tags.get(entry.version);
  if (remoteSha === undefined) return { kind: "gone", entry, newest };
  if (remoteSha !== entry.sha) {
    return { kind: "moved", entry, remoteSha, newest };
  }
  if (!release || !newest) return { kind: "current", entry };
  const pinned = parseVersion(entry.version);
  if (!pinned) {
    return newest.tag === entry.version
      ? { kind: "current", entry }
      : { kind: "behind", entry, newest, bump: undefined };
  }
  const order = compareReleases(release, pinned);
  if (order > 0 || (order === 0 && pinned.prerelease)) {
    return { kind: "behind", entry, newest, bump: bumpKind(pinned, release) };
  }
  return { kind: "current", entry };
}

/** A pin whose tag moved or vanished, or whose repository did not answer: a person must look. */
export function needsPerson(status: PinStatus): boolean {
  return (
    status.kind === "moved" ||
    status.kind === "gone" ||
    status.kind === "unreachable"
  );
}
