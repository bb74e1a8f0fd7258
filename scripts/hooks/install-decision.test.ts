import { describe, expect, it } from "vitest";
import { decideInstall } from "./install-decision";

const developer = {
  ci: false,
  skip: false,
  inGitWorkTree: true,
  hooksPath: "",
};

describe("decideInstall", () => {
  it("installs in a developer's git checkout", () => {
    expect(decideInstall(developer)).toEqual({ install: true });
  });
  it.each([
    [{ ci: true }, "CI=true"],
    [{ skip: true }, "SKIP_INSTALL_SIMPLE_GIT_HOOKS"],
    [{ inGitWorkTree: false }, "not a git checkout"],
    [{ hooksPath: "/dev/null" }, 'core.hooksPath is "/dev/null"'],
  ])("does not install with %j and says why", (facts, reason) => {
    const decision = decideInstall({ ...developer, ...facts });
    expect(decision.install).toBe(false);
    expect(decision).toMatchObject({ reason: expect.stringContaining(reason) });
  });
});
