/**
 * The parsed YAML the policy walks: nodes keep their source ranges, so every finding names the line
 * the parser saw (never a regex over the text) and a comment is the one the parser attached.
 */
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Node,
  type Pair,
} from "yaml";
import { readValue } from "./template";

export interface YamlTree {
  readonly root: Node | null;
  /** A `%YAML` or `%TAG` directive was written (GitHub reads YAML 1.2 core only). */
  readonly directives: boolean;
  /** 1-based line of a node (or of the key of a pair); 1 when the parser kept no range. */
  readonly lineOf: (node: Node | Pair | null | undefined) => number;
}

export type ParseResult =
  | { readonly ok: true; readonly tree: YamlTree }
  | { readonly ok: false; readonly line: number; readonly message: string };

export function parseYaml(text: string): ParseResult {
  const counter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: counter,
    uniqueKeys: true,
    prettyErrors: false,
    // GitHub's reader is YAML 1.2 core without merge keys (actions/runner YamlObjectReader.cs):
    // `<<` stays a plain key here, so yaml-forms.ts can refuse it instead of merging it.
    version: "1.2",
    merge: false,
  });
  const error = doc.errors[0];
  if (error) {
    return {
      ok: false,
      line: counter.linePos(error.pos[0]).line,
      message: error.message.split("\n")[0] ?? "parse error",
    };
  }
  const lineOf = (node: Node | Pair | null | undefined): number => {
    const target = node && "key" in node ? (node.key as Node | null) : node;
    const start = (target as { range?: readonly number[] } | null)?.range?.[0];
    return start === undefined ? 1 : counter.linePos(start).line;
  };
  const directives =
    doc.directives?.yaml.explicit === true ||
    Object.keys(doc.directives?.tags ?? {}).some(
      (h) => h !== "!" && h !== "!!",
    );
  return {
    ok: true,
    tree: { root: doc.contents as Node | null, lineOf, directives },
  };
}

export interface Entry {
  readonly key: string;
  readonly pair: Pair;
  readonly value: Node | null;
}

/** The entries of a mapping node in source order; [] for anything else. */
export function entries(node: Node | null | undefined): Entry[] {
  if (!isMap(node)) return [];
  return node.items.map((pair) => ({
    key: String(isScalar(pair.key) ? pair.key.value : pair.key),
    pair,
    value: (pair.value as Node | null) ?? null,
  }));
}

export function entry(
  node: Node | null | undefined,
  key: string,
): Entry | undefined {
  return entries(node).find((e) => e.key === key);
}

export function child(
  node: Node | null | undefined,
  key: string,
): Node | null | undefined {
  return entry(node, key)?.value;
}

export function items(node: Node | null | undefined): Node[] {
  return isSeq(node) ? (node.items as Node[]) : [];
}

/** The value of a scalar node as a string (numbers and booleans too); undefined otherwise. */
export function text(node: Node | null | undefined): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  return value === null || value === undefined ? undefined : String(value);
}

/** Every scalar string below a node, with its node, for scanning `${{ }}` expressions. */
export function scalars(
  node: Node | null | undefined,
  out: { node: Node; value: string }[] = [],
): { node: Node; value: string }[] {
  if (!node) return out;
  if (isScalar(node)) {
    if (typeof node.value === "string") out.push({ node, value: node.value });
  } else if (isMap(node)) {
    for (const pair of node.items) {
      scalars(pair.key as Node | null, out);
      scalars(pair.value as Node | null, out);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) scalars(item as Node, out);
  }
  return out;
}

export { isMap, isScalar, isSeq, type Node };

/**
 * The value GitHub uses when it is known before the run: plain scalars as text, and a string that
 * is a single literal expression folded the way GitHub's template reader folds it
 * (`${{ false }}` → "false"). Undefined for anything that depends on the run.
 */
export function literal(node: Node | null | undefined): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  if (value === null || value === undefined) return undefined;
  if (typeof value !== "string") return String(value);
  return readValue(value).literal;
}

/**
 * The `with:` inputs of a step by lower-cased name: the runner hands inputs to an action as
 * `INPUT_<NAME upper-cased>` (actions/runner `src/Runner.Worker/Handlers/Handler.cs`
 * `AddInputsToEnvironment`; actions/toolkit `packages/core/src/core.ts` `getInput`), so `Ref:`
 * is the input `ref`.
 */
export function inputsOf(step: Node | null | undefined): Map<string, Entry> {
  const inputs = new Map<string, Entry>();
  for (const e of entries(child(step, "with"))) {
    const name = e.key.toLowerCase();
    if (!inputs.has(name)) inputs.set(name, e);
  }
  return inputs;
}
