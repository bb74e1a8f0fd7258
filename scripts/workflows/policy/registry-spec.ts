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
