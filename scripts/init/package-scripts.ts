/**
 * package.json with the scripts the generated workflows call added (text edits through
 * jsonc-parser, so the file's layout stays). A script that exists keeps its body; when that body
 * differs from what the pipeline expects, the report names it — unless an earlier init wrote that
 * body and it no longer works (SUPERSEDED), which is replaced and reported. Pure.
 */
import { applyEdits, modify } from "jsonc-parser";
import { PIPELINE_BIN } from "../../workflows-src/builders/pipeline-package";
import { DEPLOY_TOOLSET_SCRIPT } from "../../workflows-src/builders/package-manager";

/**
 * Bodies earlier versions of init wrote, by script. `typed-cicd deploy:toolset`: the environment
 * jobs run the toolset script before anything is installed, so no bin is there to call.
 */
export const SUPERSEDED: Readonly<Record<string, readonly string[]>> = {
  [DEPLOY_TOOLSET_SCRIPT]: [`${PIPELINE_BIN} ${DEPLOY_TOOLSET_SCRIPT}`],
};

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
    const superseded =
      current !== undefined && (SUPERSEDED[name] ?? []).includes(current);
    if (superseded)
      notes.push(
        `package.json: scripts.${name} was "${current}" (an earlier init's, which cannot work) — now "${body}"`,
      );
    if (current === undefined || superseded) {
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
