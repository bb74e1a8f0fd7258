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

export interface YamlTree {
  readonly root: Node | null;
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
  return { ok: true, tree: { root: doc.contents as Node | null, lineOf } };
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
