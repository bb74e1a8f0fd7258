/** Whether `npm ci` should install the git hooks here; every "no" comes with the reason it prints. */
export type InstallDecision =
  | { readonly install: true }
  | { readonly install: false; readonly reason: string };

export function decideInstall(facts: {
  readonly ci: boolean;
  readonly skip: boolean;
  readonly inGitWorkTree: boolean;
  readonly hooksPath: string;
}): InstallDecision {
  if (facts.skip) {
    return { install: false, reason: "SKIP_INSTALL_SIMPLE_GIT_HOOKS is set" };
  }
  if (facts.ci) {
    return { install: false, reason: "CI=true (CI runs every check itself)" };
  }
  if (!facts.inGitWorkTree) {
    return { install: false, reason: "not a git checkout" };
  }
  if (facts.hooksPath !== "") {
    return {
      install: false,
      reason: `git config core.hooksPath is "${facts.hooksPath}" (hooks managed or disabled elsewhere)`,
    };
  }
  return { install: true };
}
