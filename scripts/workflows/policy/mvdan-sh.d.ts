/**
 * The part of mvdan-sh (mvdan/sh compiled to JavaScript; the package ships no types) that
 * shell-parse.ts reads: nodes are plain objects whose kind syntax.NodeType() names.
 */
declare module "mvdan-sh" {
  export interface ShNode {
    readonly [field: string]: unknown;
  }
  export interface ShParser {
    Parse(source: string, name: string): ShNode;
  }
  const sh: {
    readonly syntax: {
      NewParser(...options: unknown[]): ShParser;
      NodeType(node: unknown): string;
      LangBash: unknown;
      Variant(lang: unknown): unknown;
    };
  };
  export default sh;
}
