/** The one registry every package must come from, for npm's files and pnpm's alike. */
export const REGISTRY = "https://registry.npmjs.org/";

/**
 * A registry version or range (or an npm: alias of one); not a URL, git, tarball, file or link.
 * pnpm's `catalog:` (its catalog entries are checked themselves) and `workspace:` (a package of this
 * repository) and an override's `$name` (the spec of that direct dependency) name no outside code.
 */
export function fromRegistry(spec: string): boolean {
  if (/^(?:catalog|workspace):/.test(spec)) return true;
  // pnpm's override reference to a direct dependency's own spec (checked where it is declared).
  if (/^\$[@\w][\w@./-]*$/.test(spec)) return true;
  const target = spec.startsWith("npm:")
    ? spec.replace(/^npm:(@?[^@]+)@?/, "")
    : spec;
  return !/[:/\\]/.test(target) && !/\.t(?:ar\.)?gz$/.test(target);
}

/**
 * A tarball committed inside the repository (`file:vendor/pkg-1.0.0.tgz`, as npm and pnpm write the
 * spec and the lockfile's resolution): reviewed with the repository, its bytes held by the
 * lockfile's integrity (the lockfile is production reviewers' in CODEOWNERS) — the route for a
 * package not on the registry yet, such as this pipeline's before publication. Its path, or
 * undefined: not a tarball, absolute, or reaching out with `..`.
 */
export function vendoredTarball(spec: string): string | undefined {
  const match = /^file:(?:\.\/)?([^\s:]+\.t(?:ar\.)?gz)$/.exec(spec);
  const file = match?.[1];
  if (file === undefined) return undefined;
  const parts = file.split(/[\\/]/);
  return file.startsWith("/") || parts.includes("..") || parts.includes("")
    ? undefined
    : file;
}
