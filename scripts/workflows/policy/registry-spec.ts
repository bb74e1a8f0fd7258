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
  // `~` is the home directory to npm, `%` an encoding some reader may undo: neither is a path here.
  return /^[/~]/.test(file) ||
    /[%\\]/.test(file) ||
    parts.includes("..") ||
    parts.includes("")
    ? undefined
    : file;
}

/**
 * An integrity npm and pnpm verify: a sha512 Subresource Integrity string, as both write for a
 * tarball. An empty, `null` or malformed value is installed unchecked (red team: a swapped vendored
 * tarball went in with `"integrity": ""`), so it holds nothing.
 */
export function verifiedIntegrity(value: unknown): boolean {
  return (
    typeof value === "string" && /^sha512-[A-Za-z0-9+/]{86}==$/.test(value)
  );
}

/**
 * Any Subresource Integrity string (registry lockfiles keep sha1 for some old packages); a
 * `null`, `~` or empty value is none.
 */
export function someIntegrity(value: unknown): boolean {
  return (
    typeof value === "string" &&
    /^sha(?:1|256|384|512)-[A-Za-z0-9+/]+={0,2}$/.test(value)
  );
}
