/** The statement shapes the rules look at; everything else is "other". */

export type OnDeleteAction =
  "CASCADE" | "SET NULL" | "SET DEFAULT" | "RESTRICT" | "NO ACTION";

export interface ColumnDef {
  readonly name: string;
  readonly notNull: boolean;
  /** A DEFAULT clause or a generated value, so existing rows get something other than NULL. */
  readonly hasDefault: boolean;
}

export interface ForeignKey {
  readonly columns: readonly string[];
  readonly parentTable: string;
  readonly onDelete: OnDeleteAction;
}

export type ParsedStatement =
  | {
      readonly kind: "create-table";
      readonly table: string;
      readonly columns: readonly ColumnDef[];
      readonly foreignKeys: readonly ForeignKey[];
    }
  | { readonly kind: "drop-table"; readonly table: string }
  | {
      readonly kind: "rename-table";
      readonly table: string;
      readonly newName: string;
    }
  | {
      readonly kind: "rename-column";
      readonly table: string;
      readonly column: string;
      readonly newName: string;
    }
  | {
      readonly kind: "drop-column";
      readonly table: string;
      readonly column: string;
    }
  | {
      readonly kind: "add-column";
      readonly table: string;
      readonly column: ColumnDef;
      readonly foreignKeys: readonly ForeignKey[];
    }
  | { readonly kind: "pragma"; readonly name: string }
  | {
      readonly kind: "delete";
      readonly table: string;
      readonly hasWhere: boolean;
    }
  | {
      readonly kind: "update";
      readonly table: string;
      readonly hasWhere: boolean;
    }
  | { readonly kind: "drop-index"; readonly name: string }
  | { readonly kind: "other"; readonly keyword: string }
  | {
      readonly kind: "parse-error";
      readonly message: string;
      readonly line: number;
    };
