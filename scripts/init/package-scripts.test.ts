import { describe, expect, it } from "vitest";
import { withScripts } from "./package-scripts";

const text = (scripts: Record<string, string>) =>
  `${JSON.stringify({ name: "app", scripts }, null, 2)}\n`;

describe("withScripts", () => {
  it("adds what is missing and keeps an existing body, naming the difference", () => {
    const existing = { lint: "eslint .", setup: "node my-setup.js" };
    const edit = withScripts(text(existing), existing, {
      lint: "eslint .",
      setup: "typed-cicd setup",
      "gen:workflows": "typed-cicd gen:workflows",
    });
    expect(JSON.parse(edit.text).scripts).toEqual({
      ...existing,
      "gen:workflows": "typed-cicd gen:workflows",
    });
    expect(edit.notes).toEqual([
      'package.json: scripts.setup is "node my-setup.js", the pipeline expects "typed-cicd setup" — left as it is; rename yours if it does something else',
    ]);
  });

  it("replaces the deploy:toolset an earlier init wrote (no bin exists before the install) and says so", () => {
    const existing = { "deploy:toolset": "typed-cicd deploy:toolset" };
    const body = "pnpm install --frozen-lockfile --ignore-scripts";
    const edit = withScripts(text(existing), existing, {
      "deploy:toolset": body,
    });
    expect(JSON.parse(edit.text).scripts).toEqual({ "deploy:toolset": body });
    expect(edit.notes).toEqual([
      `package.json: scripts.deploy:toolset was "typed-cicd deploy:toolset" (an earlier init's, which cannot work) — now "${body}"`,
    ]);
    // A hand-written toolset script is the adopter's: kept.
    const own = { "deploy:toolset": "bash tools/install.sh" };
    expect(
      JSON.parse(withScripts(text(own), own, { "deploy:toolset": body }).text)
        .scripts,
    ).toEqual(own);
  });
});
