/**
 * Reviewers are named in environments.ts by login ("octocat") or team ("org/slug"); GitHub's
 * environment API wants numeric ids. REST: "Get a user" GET /users/{username};
 * "Get a team by name" GET /orgs/{org}/teams/{team_slug}.
 */
import { SetupError, isStatus, type GitHub } from "./client";

export interface ReviewerRef {
  readonly type: "User" | "Team";
  readonly id: number;
}

/** The comparable name of a reviewer GitHub reports: the login, or the team's slug. */
export function reviewerKey(name: string): string {
  const slash = name.indexOf("/");
  return (slash === -1 ? name : name.slice(slash + 1)).toLowerCase();
}

export async function resolveReviewers(
  gh: GitHub,
  environment: string,
  reviewers: readonly string[],
): Promise<ReviewerRef[]> {
  const refs: ReviewerRef[] = [];
  for (const [index, reviewer] of reviewers.entries()) {
    const where = `environments.ts: ${environment}.reviewers.${index}`;
    const [org, slug] = reviewer.split("/");
    try {
      if (slug !== undefined && org !== undefined) {
        const team = await gh.request("GET /orgs/{org}/teams/{team_slug}", {
          org,
          team_slug: slug,
        });
        refs.push({ type: "Team", id: Number(team.data.id) });
      } else {
        const user = await gh.request("GET /users/{username}", {
          username: reviewer,
        });
        refs.push({ type: "User", id: Number(user.data.id) });
      }
    } catch (error) {
      if (!isStatus(error, 404)) throw error;
      throw new SetupError(
        `${where}: GitHub has no ${slug === undefined ? "user" : "team"} "${reviewer}" — list real logins or org/team slugs with read access to the repository`,
      );
    }
  }
  return refs;
}
