import type { ParsedStatement } from "./parsed-statement";

const same = (a: string, b: string): boolean =>
  a.toLowerCase() === b.toLowerCase();

/**
 * drizzle-kit changes a SQLite table by rebuilding it: CREATE `__new_x`, copy, DROP `x`, RENAME
 * `__new_x` TO `x`. For a DROP TABLE at `index`, returns the table later renamed into its place.
 */
export function rebuildSourceOfDrop(
  statements: readonly ParsedStatement[],
  index: number,
): string | undefined {
  const dropped = statements[index];
  if (dropped?.kind !== "drop-table") return undefined;
  for (const later of statements.slice(index + 1)) {
    if (later.kind === "rename-table" && same(later.newName, dropped.table))
      return later.table;
    if (later.kind === "create-table" && same(later.table, dropped.table))
      return undefined;
  }
  return undefined;
}

/** True when the RENAME at `index` moves a rebuilt table into the place of one dropped earlier. */
export function isRebuildRename(
  statements: readonly ParsedStatement[],
  index: number,
): boolean {
  const rename = statements[index];
  if (rename?.kind !== "rename-table") return false;
  return statements.slice(0, index).some((earlier, i) => {
    if (earlier.kind !== "drop-table" || !same(earlier.table, rename.newName))
      return false;
    const source = rebuildSourceOfDrop(statements, i);
    return source !== undefined && same(source, rename.table);
  });
}
