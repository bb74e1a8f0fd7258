/**
 * The numbers of a repository's open pull requests (GET /repos/{owner}/{repo}/pulls?state=open,
 * 100 per page), for the sweep. Plain fetch against GITHUB_API_URL: the deploy toolset holds no
 * Octokit, and this is the one GitHub call a preview job makes.
 * @see https://docs.github.com/en/rest/pulls/pulls#list-pull-requests
 */
import { z } from "zod";

const pageSchema = z.array(z.looseObject({ number: z.number().int() }));

export async function openPullRequests(options: {
  readonly apiUrl: string;
  readonly repository: string;
  readonly token: string;
  readonly fetch?: typeof fetch;
}): Promise<Set<number>> {
  if (!/^[\w.-]+\/[\w.-]+$/.test(options.repository))
    throw new Error(
      `GITHUB_REPOSITORY "${options.repository}" is not owner/name — run in GitHub Actions or set it`,
    );
  const fetchFn = options.fetch ?? fetch;
  const open = new Set<number>();
  for (let page = 1; ; page += 1) {
    const url = `${options.apiUrl.replace(/\/+$/, "")}/repos/${options.repository}/pulls?state=open&per_page=100&page=${page}`;
    const response = await fetchFn(url, {
      headers: {
        accept: "application/vnd.github+json",
        authorization: `Bearer ${options.token}`,
        "x-github-api-version": "2022-11-28",
      },
    });
    if (!response.ok)
      throw new Error(
        `GET /repos/${options.repository}/pulls: HTTP ${response.status} — the sweep needs pull-requests: read; nothing was deleted`,
      );
    const items = pageSchema.parse(await response.json());
    for (const pr of items) open.add(pr.number);
    if (items.length < 100) return open;
  }
}

/** "12,15" or "none" → the set; anything else is refused (a sweep must not guess what is open). */
export function parseOpenList(raw: string | undefined): Set<number> {
  const value = raw?.trim() ?? "";
  if (value === "none") return new Set();
  if (!/^\d+(,\d+)*$/.test(value))
    throw new Error(
      `--open ${JSON.stringify(value)}: expected pull request numbers (12,15) or "none" — pass npm run preview:open-pulls's output; nothing was deleted`,
    );
  return new Set(value.split(",").map(Number));
}

export function formatOpenList(open: ReadonlySet<number>): string {
  return open.size === 0 ? "none" : [...open].sort((a, b) => a - b).join(",");
}
