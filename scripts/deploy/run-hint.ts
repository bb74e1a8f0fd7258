/**
 * The command a message tells someone to run next, in the package manager of the repository the
 * deploy CLIs run in: a pnpm repository reads `pnpm run deploy:rollback --env …`, not npm's form.
 */
import { repositoryManager, scriptHint } from "../cli/package-script";
import { REPO_ROOT } from "./wrangler";

export function runHint(
  script: string,
  args: readonly string[] = [],
  root: string = REPO_ROOT,
): string {
  return scriptHint(repositoryManager(root), script, args);
}
