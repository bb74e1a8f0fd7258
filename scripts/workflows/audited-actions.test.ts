import { describe, expect, it } from "vitest";
import { auditedActions, localActionsUsed } from "./audited-actions";

const action = (name: string) => ({
  path: `.github/actions/${name}/action.yml`,
  content: "runs: { using: composite, steps: [] }\n",
});
const workflow = (file: string, uses: string[]) => ({
  path: `.github/workflows/${file}`,
  content: `jobs:\n  a:\n    steps:\n${uses.map((u) => `      - uses: ${u}\n`).join("")}`,
});

describe("auditedActions", () => {
  const actions = [action("setup"), action("shared"), action("orphan")];
  const workflows = [
    workflow("ci.yml", [
      "./.github/actions/setup",
      "'./.github/actions/shared'",
    ]),
    workflow("quality.yml", [
      "actions/checkout@v4",
      "./.github/actions/shared",
    ]),
  ];

  it("skips an action only unaudited kept workflows use; audits shared and unused ones", () => {
    const audited = auditedActions(
      actions,
      workflows,
      new Set([".github/workflows/ci.yml"]),
    );
    expect(audited.map((a) => a.path)).toEqual([
      ".github/actions/shared/action.yml",
      ".github/actions/orphan/action.yml",
    ]);
  });

  it("audits every action when every workflow is audited", () => {
    expect(auditedActions(actions, workflows, new Set())).toEqual(actions);
  });

  it("reads quoted and unquoted local uses", () => {
    expect([...localActionsUsed(workflows[0]?.content ?? "")]).toEqual([
      "setup",
      "shared",
    ]);
  });
});
