import type {
  ColumnDef,
  ForeignKey,
  OnDeleteAction,
  ParsedStatement,
} from "./parsed-statement";

export interface Table {
  readonly name: string;
  readonly columns: readonly ColumnDef[];
  readonly foreignKeys: readonly ForeignKey[];
}

/** Tables keyed by lower-cased name, as SQLite compares identifiers case-insensitively. */
export type Schema = ReadonlyMap<string, Table>;

export const emptySchema: Schema = new Map();

const key = (name: string): string => name.toLowerCase();

export function findTable(schema: Schema, name: string): Table | undefined {
  return schema.get(key(name));
}

function withTable(schema: Schema, table: Table): Schema {
  return new Map(schema).set(key(table.name), table);
}

function without(schema: Schema, name: string): Map<string, Table> {
  const next = new Map(schema);
  next.delete(key(name));
  return next;
}

function renameColumns(
  columns: readonly string[],
  from: string,
  to: string,
): string[] {
  return columns.map((column) => (key(column) === key(from) ? to : column));
}

/** The schema after a statement runs, following SQLite's rules for renames and foreign keys. */
export function applyStatement(
  schema: Schema,
  statement: ParsedStatement,
): Schema {
  switch (statement.kind) {
    case "create-table":
      return withTable(schema, {
        name: statement.table,
        columns: statement.columns,
        foreignKeys: statement.foreignKeys,
      });
    case "drop-table":
      // Children keep their REFERENCES clauses: SQLite does not rewrite them on DROP.
      return without(schema, statement.table);
    case "rename-table": {
      const table = findTable(schema, statement.table);
      if (table === undefined) return schema;
      // SQLite (legacy_alter_table=OFF, as on D1) rewrites the children's REFERENCES to the new name.
      const next = without(schema, statement.table);
      for (const [name, other] of next) {
        const foreignKeys = other.foreignKeys.map((fk) =>
          key(fk.parentTable) === key(statement.table)
            ? { ...fk, parentTable: statement.newName }
            : fk,
        );
        next.set(name, { ...other, foreignKeys });
      }
      return withTable(next, { ...table, name: statement.newName });
    }
    case "rename-column": {
      const table = findTable(schema, statement.table);
      if (table === undefined) return schema;
      const columns = table.columns.map((column) =>
        key(column.name) === key(statement.column)
          ? { ...column, name: statement.newName }
          : column,
      );
      const foreignKeys = table.foreignKeys.map((fk) => ({
        ...fk,
        columns: renameColumns(fk.columns, statement.column, statement.newName),
      }));
      return withTable(schema, { ...table, columns, foreignKeys });
    }
    case "drop-column": {
      const table = findTable(schema, statement.table);
      if (table === undefined) return schema;
      const columns = table.columns.filter(
        (column) => key(column.name) !== key(statement.column),
      );
      return withTable(schema, { ...table, columns });
    }
    case "add-column": {
      const table = findTable(schema, statement.table);
      if (table === undefined) return schema;
      return withTable(schema, {
        ...table,
        columns: [...table.columns, statement.column],
        foreignKeys: [...table.foreignKeys, ...statement.foreignKeys],
      });
    }
    default:
      return schema;
  }
}

export interface ChildReference {
  readonly table: string;
  readonly columns: readonly string[];
  readonly onDelete: OnDeleteAction;
}

/** Foreign keys in other tables that point at `parent` and act on its deleted rows. */
export function childReferences(
  schema: Schema,
  parent: string,
  actions: readonly OnDeleteAction[],
): ChildReference[] {
  const children: ChildReference[] = [];
  for (const table of schema.values()) {
    if (key(table.name) === key(parent)) continue;
    for (const fk of table.foreignKeys) {
      if (
        key(fk.parentTable) === key(parent) &&
        actions.includes(fk.onDelete)
      ) {
        children.push({
          table: table.name,
          columns: fk.columns,
          onDelete: fk.onDelete,
        });
      }
    }
  }
  return children;
}
