/**
 * The shipped environments.ts names placeholder reviewers so it parses; setup must not make
 * strangers (or nobody) the approvers and code owners of production. Pure: one line per
 * placeholder, naming the field and the fix.
 */
import {
  PLACEHOLDER_REVIEWER,
  type Environments,
} from "../../../workflows-src/builders/environment-model";

export function placeholderProblems(envs: Environments): string[] {
  return Object.values(envs).flatMap((env) =>
    env.reviewers.flatMap((reviewer, index) =>
      PLACEHOLDER_REVIEWER.test(reviewer)
        ? [
            `environments.ts: ${env.name}.reviewers.${index}: "${reviewer}" is a placeholder — replace it with a real GitHub login or org/team slug (it also becomes a code owner in .github/CODEOWNERS, which needs write access), then re-run`,
          ]
        : [],
    ),
  );
}
