import { describe, expect, it } from "vitest";
import { parseEnvironments } from "../../workflows-src/builders/environment-model";
import {
  DefinitionError,
  describeLoadError,
  loadDefinitions,
} from "./load-definitions";

const valid = {
  name: "production",
  branch: "main",
  url: "https://example.com",
  wranglerEnv: "production",
  d1Binding: "DB",
  d1DatabaseName: "prod-db",
  reviewers: ["octocat", "hubot"],
  preventSelfReview: true,
  secrets: ["CLOUDFLARE_API_TOKEN"],
};

describe("loadDefinitions", () => {
  it("turns an invalid environment into one line with the field path and the fix", async () => {
    const load = async () => {
      parseEnvironments({
        staging: {
          ...valid,
          name: "staging",
          branch: "develop",
          wranglerEnv: "staging",
        },
        production: { ...valid, url: "prod" },
      });
      return { workflows: [] };
    };
    const error = await loadDefinitions(load).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DefinitionError);
    expect((error as Error).message).toBe(
      'environments.ts: production.url: Invalid URL ("prod") — use https://…',
    );
  });

  it("keeps one line per problem and drops stack traces", async () => {
    const load = () =>
      Promise.reject(
        new Error("a.ts: x: bad — fix x\n  \nb.ts: y: bad — fix y"),
      );
    await expect(loadDefinitions(load)).rejects.toThrow(
      /^a\.ts: x: bad — fix x\nb\.ts: y: bad — fix y$/,
    );
  });

  it("names the workflows-src file and line of a plain throw", async () => {
    const error = new Error("boom");
    error.stack = [
      "Error: boom",
      "    at deployJob (file:///repo/workflows-src/builders/deploy.ts:42:11)",
      "    at file:///repo/workflows-src/workflows/deploy.ts:9:3",
    ].join("\n");
    await expect(loadDefinitions(() => Promise.reject(error))).rejects.toThrow(
      /^workflows-src\/builders\/deploy\.ts:42:11: boom$/,
    );
  });

  it("leaves a message that already names its file alone", () => {
    const error = new Error("x.ts:1:2: ERROR: Unexpected");
    error.stack = "at file:///repo/workflows-src/index.ts:1:1";
    expect(describeLoadError(error)).toBe("x.ts:1:2: ERROR: Unexpected");
  });

  it("loads the real definitions", async () => {
    const workflows = await loadDefinitions();
    expect(workflows.map((w) => w.file)).toContain("quality.yml");
  });
});
