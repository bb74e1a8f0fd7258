import { describe, expect, it } from "vitest";
import {
  bumpKind,
  newestRelease,
  parseLsRemote,
  parseRelease,
  parseVersion,
} from "./release-tags";

const A = "a".repeat(40);
const B = "b".repeat(40);
const C = "c".repeat(40);

describe("parseLsRemote", () => {
  it("maps lightweight tags to their commit and annotated tags to the commit behind ^{}", () => {
    const output = [
      `${A}\trefs/tags/v1.0.0`,
      `${B}\trefs/tags/v1.1.0`,
      `${C}\trefs/tags/v1.1.0^{}`,
      "warning: something else",
      "",
    ].join("\n");
    expect(parseLsRemote(output)).toEqual(
      new Map([
        ["v1.0.0", A],
        ["v1.1.0", C],
      ]),
    );
  });

  it("does not depend on the order of the ^{} line", () => {
    const output = `${C}\trefs/tags/v2.0.0^{}\n${B}\trefs/tags/v2.0.0\n`;
    expect(parseLsRemote(output).get("v2.0.0")).toBe(C);
  });
});

describe("release tags", () => {
  it("accepts vX.Y.Z and X.Y.Z only", () => {
    expect(parseRelease("v1.2.3")).toMatchObject({
      major: 1,
      minor: 2,
      patch: 3,
    });
    expect(parseRelease("1.2.3")).toMatchObject({
      major: 1,
      minor: 2,
      patch: 3,
    });
    for (const tag of [
      "v4",
      "v4.1",
      "v2.0.0-beta.1",
      "v1.0.0+build",
      "latest",
      "v01.0.0",
    ]) {
      expect(parseRelease(tag)).toBeUndefined();
    }
  });

  it("orders numerically, ignores pre-releases and floating majors", () => {
    const tags = [
      "v1.9.0",
      "v1.10.0",
      "v1.2.11",
      "v2",
      "v2.0.0-rc.1",
      "v1.10.0-beta",
    ];
    expect(newestRelease(tags)?.tag).toBe("v1.10.0");
    expect(newestRelease(["v4", "v5-beta"])).toBeUndefined();
    expect(newestRelease(["1.4.0", "v1.4.0"])?.tag).toBe("v1.4.0");
    expect(newestRelease(["v1.4.0", "1.4.0"])?.tag).toBe("v1.4.0");
  });

  it("names the size of a bump", () => {
    const v = (tag: string) => parseVersion(tag)!;
    expect(bumpKind(v("v1.2.3"), v("v2.0.0"))).toBe("major");
    expect(bumpKind(v("v1.2.3"), v("v1.3.0"))).toBe("minor");
    expect(bumpKind(v("v1.2.3"), v("v1.2.4"))).toBe("patch");
    expect(bumpKind(v("v1.2.3"), v("v1.2.3"))).toBeUndefined();
    expect(parseVersion("v2.0.0-rc.1")?.prerelease).toBe(true);
  });
});
