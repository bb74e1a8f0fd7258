/**
 * Deploy branches: each environment's branch must exist before a merge can target it. A missing one
 * is created from the repository's default branch (develop from main on a fresh repository).
 * REST: "Get a branch" GET /repos/{owner}/{repo}/branches/{branch};
 * "Create a reference" POST /repos/{owner}/{repo}/git/refs.
 */
import type { SetupItem } from "../report";
import type { Resource } from "../resources";
import { SetupError, isStatus, type GitHub, type Repository } from "./client";

export function branchResource(
  gh: GitHub,
  repo: Repository,
  branch: string,
  defaultBranch: string,
): Resource {
  const name = `branch ${branch}`;
  return {
    name,
    inspect: async () => {
      try {
        await gh.request("GET /repos/{owner}/{repo}/branches/{branch}", {
          ...repo,
          branch,
        });
        return { state: "ok", detail: "exists" };
      } catch (error) {
        if (!isStatus(error, 404)) throw error;
      }
      return {
        state: "missing",
        detail: `would be created from ${defaultBranch}`,
        apply: async (): Promise<SetupItem> => {
          let sha: string;
          try {
            const head = await gh.request(
              "GET /repos/{owner}/{repo}/git/ref/{ref}",
              { ...repo, ref: `heads/${defaultBranch}` },
            );
            sha = head.data.object.sha;
          } catch (error) {
            if (!isStatus(error, 404)) throw error;
            throw new SetupError(
              `${name}: the default branch ${defaultBranch} has no commits — push ${defaultBranch} first, then re-run`,
            );
          }
          await gh.request("POST /repos/{owner}/{repo}/git/refs", {
            ...repo,
            ref: `refs/heads/${branch}`,
            sha,
          });
          return {
            resource: name,
            state: "created",
            detail: `from ${defaultBranch} at ${sha.slice(0, 12)}`,
          };
        },
      };
    },
  };
}
