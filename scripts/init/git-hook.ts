/**
 * The pre-commit hook beside the app's own hook manager, never a second one: with husky, one line
 * in .husky/pre-commit running the pipeline's hook (check the workflows when workflows-src/ is
 * staged, lint migrations when they are); lint-staged keeps formatting staged files (the generated
 * ones are in .prettierignore). Without husky, the report says where to call it. Pure.
 */
import {
  runCommand,
  type PackageManager,
} from "../../workflows-src/builders/package-manager";

export const HUSKY_PRE_COMMIT = ".husky/pre-commit";
export const HOOK_SCRIPT = "hooks:pre-commit";

export type HookPlan =
  { readonly file: string; readonly text: string } | { readonly note: string };

export function hookPlan(
  manager: PackageManager,
  husky: { readonly dir: boolean; readonly preCommit: string | undefined },
): HookPlan {
  const line = runCommand(manager, HOOK_SCRIPT);
  if (!husky.dir)
    return {
      note: `hooks: no husky here — run "${line}" from your pre-commit hook (init installs no hook manager of its own)`,
    };
  const current = husky.preCommit ?? "";
  if (current.split("\n").some((l) => l.trim() === line))
    return { file: HUSKY_PRE_COMMIT, text: current };
  const sep = current === "" || current.endsWith("\n") ? "" : "\n";
  return { file: HUSKY_PRE_COMMIT, text: `${current}${sep}${line}\n` };
}
