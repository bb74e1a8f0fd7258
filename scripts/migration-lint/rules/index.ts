import { dropColumn } from "./drop-column";
import { dropTable } from "./drop-table";
import { notNullWithoutDefault } from "./not-null-without-default";
import { parseError } from "./parse-error";
import { rebuildCascade } from "./rebuild-cascade";
import { renameColumn } from "./rename-column";
import { renameTable } from "./rename-table";
import type { Rule } from "./rule";
import { unboundedDelete, unboundedUpdate } from "./unbounded-write";

export const statementRules: readonly Rule[] = [
  parseError,
  dropTable,
  dropColumn,
  renameTable,
  renameColumn,
  rebuildCascade,
  notNullWithoutDefault,
  unboundedDelete,
  unboundedUpdate,
];
