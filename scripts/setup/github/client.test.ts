import { describe, expect, it } from "vitest";
import { describeFailure, parseRepository, resolveToken } from "./client";

describe("GitHub client inputs", () => {
  it("reads owner/name from --repo, HTTPS and SSH remotes", () => {
    const want = { owner: "acme", repo: "app.web" };
    expect(parseRepository("acme/app.web", "--repo")).toEqual(want);
    expect(
      parseRepository("https://github.com/acme/app.web.git", "origin"),
    ).toEqual(want);
    expect(
      parseRepository("git@github.com:acme/app.web.git\n", "origin"),
    ).toEqual(want);
    expect(
      parseRepository("ssh://git@github.com/acme/app.web", "origin"),
    ).toEqual(want);
    expect(() => parseRepository("app", "--repo")).toThrow(
      '--repo: "app" is not a GitHub repository — use owner/name',
    );
  });

  it("takes GITHUB_TOKEN first, then gh auth token, else names both", async () => {
    const gh = () => Promise.resolve("gho_from_gh");
    expect(await resolveToken({ GITHUB_TOKEN: "ghp_env" }, gh)).toBe("ghp_env");
    expect(await resolveToken({ GITHUB_TOKEN: " " }, gh)).toBe("gho_from_gh");
    await expect(
      resolveToken({}, () => Promise.resolve(undefined)),
    ).rejects.toThrow(
      /^no GitHub token: set GITHUB_TOKEN .* or run `gh auth login`$/,
    );
  });

  it("turns HTTP failures into one line with the fix", () => {
    const failure = (status: number, message: string) =>
      Object.assign(new Error(message), {
        status,
        response: { data: { message } },
      });
    expect(
      describeFailure("repository acme/app", failure(401, "Bad credentials")),
    ).toBe(
      "repository acme/app: GitHub rejected the token (401 Bad credentials) — create a new token or run `gh auth login`, then re-run",
    );
    expect(
      describeFailure(
        "changing x",
        failure(403, "Resource not accessible by personal access token"),
      ),
    ).toMatch(
      /^changing x: the token may not do this \(403 Resource not accessible by personal access token\) — give it Administration/,
    );
    expect(describeFailure("reading x", failure(500, "fetch failed"))).toMatch(
      /GitHub is unreachable \(fetch failed\) — check GITHUB_API_URL/,
    );
  });
});
