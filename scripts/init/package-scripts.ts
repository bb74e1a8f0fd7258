/**
 * package.json with the scripts the generated workflows call added (text edits through
 * jsonc-parser, so the file's layout stays). A script that exists keeps its body; when that body
 * differs from what the pipeline expects, the report names it. Pure.
 */
import { applyEdits, modify } from "jsonc-parser";

export interface ScriptsEdit {
  readonly text: string;
  readonly notes: readonly string[];
}

export function withScripts(
  text: string,
  existing: Readonly<Record<string, string>>,
  wanted: Readonly<Record<string, string>>,
): ScriptsEdit {
  let out = text;
  const notes: string[] = [];
  const indent = /\n( +)"/.exec(text)?.[1]?.length ?? 2;
  for (const [name, body] of Object.entries(wanted)) {
    const current = existing[name];
    if (current === undefined) {
      out = applyEdits(
        out,
        modify(out, ["scripts", name], body, {
          formattingOptions: { insertSpaces: true, tabSize: indent, eol: "\n" },
        }),
      );
    } else if (current !== body) {
      notes.push(
        `package.json: scripts.${name} is "${current}", the pipeline expects "${body}" — left as it is; rename yours if it does something else`,
      );
    }
  }
  return { text: out, notes };
}
