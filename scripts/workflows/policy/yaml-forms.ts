/**
 * YAML written in a form GitHub reads differently from the `yaml` package, or refuses, is refused
 * here before any rule looks at the values:
 * - a key written as an expression (`${{ 'run' }}:`): GitHub's template reader folds a literal
 *   expression into the key it spells (actions/languageservices `template-reader.ts`,
 *   `handleMappingWithWellKnownProperties` → `parseScalar` → `getExpressionString`), so the audit
 *   would judge a step without the `run:` GitHub runs. Every `${{` in a key is refused.
 * - explicit tags (`!!str`, `!custom`) and `%YAML`/`%TAG` directives: actions/runner
 *   `YamlObjectReader.cs` (`AllowLiteral`) accepts only the core tags and reads YAML 1.2 core; a
 *   `%YAML 1.1` document makes this parser read `on:` as `true` and `y` as a boolean.
 * - merge keys (`<<:`): not part of YAML 1.2 core, so GitHub does not merge what the audit might.
 * - anchors and aliases: the generator never writes them, and older runners refuse them
 *   (`YamlObjectReader.cs` `EvaluateCurrent`: "Anchors are not currently supported").
 * - keys that differ only in case in one mapping: GitHub refuses them ("'x' is already defined",
 *   template-reader.ts `upperKeys`), while a rule here would read only the spelling it looks for.
 */
import { isMap, isScalar, visit, type Node } from "yaml";
import { report, type Scope } from "./scope";

function keyText(key: unknown): string {
  if (isScalar(key)) {
    return typeof key.value === "symbol" ? "<<" : String(key.value);
  }
  return String(key);
}

export function checkYamlForms(scope: Scope, root: Node | null): void {
  if (scope.tree.directives) {
    report(
      scope,
      "yaml-form",
      root,
      "a %YAML/%TAG directive changes how the file is read (YAML 1.1 reads on: as true) — remove it; GitHub reads YAML 1.2 core",
    );
  }
  if (!root) return;
  visit(root, {
    Alias: (_key, node) => {
      report(
        scope,
        "yaml-alias",
        node as unknown as Node,
        "anchors and aliases hide what a step does — write the value out (the generator never emits them)",
      );
    },
    Node: (_key, node) => {
      const n = node as Node & { anchor?: string; tag?: string };
      if (n.anchor) {
        report(
          scope,
          "yaml-alias",
          n,
          `anchor &${n.anchor} — write the value out where it is used (the generator never emits anchors)`,
        );
      }
      if (n.tag) {
        report(
          scope,
          "yaml-form",
          n,
          `explicit tag ${n.tag} — GitHub accepts only untagged YAML 1.2 core values here; write the plain value`,
        );
      }
      if (!isMap(n)) return;
      const seen = new Map<string, string>();
      for (const pair of n.items) {
        const key = keyText(pair.key);
        if (key === "<<") {
          report(
            scope,
            "yaml-form",
            pair,
            "a merge key (<<) is not YAML 1.2: GitHub does not merge it — write the keys out",
          );
        }
        if (key.includes("${{")) {
          report(
            scope,
            "yaml-expression-key",
            pair,
            `key ${JSON.stringify(key)} is an expression: GitHub folds \${{ 'x' }} into the key x, which the audit cannot see — write the key literally`,
          );
        }
        const upper = key.toUpperCase();
        const before = seen.get(upper);
        if (before !== undefined) {
          report(
            scope,
            "yaml-form",
            pair,
            `keys ${before} and ${key} differ only in case: GitHub treats them as one (and refuses the file) — keep one`,
          );
        } else seen.set(upper, key);
      }
    },
  });
}
