import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { actions } from "../../workflows-src/actions";
import { parseCatalog, setPin } from "./catalog-text";

const REAL = readFileSync(
  new URL("../../workflows-src/actions.ts", import.meta.url),
  "utf8",
);
const NEW_SHA = "0123456789abcdef0123456789abcdef01234567";

describe("parseCatalog", () => {
  it("reads the same pins from the text as the module exports", () => {
    const parsed = parseCatalog(REAL);
    expect(
      Object.fromEntries(
        parsed.map(({ key, repo, sha, version }) => [
          key,
          { repo, sha, version },
        ]),
      ),
    ).toEqual(actions);
    const checkout = parsed.find((e) => e.key === "checkout");
    expect(REAL.split("\n")[(checkout?.line ?? 0) - 1]).toContain(
      actions.checkout.sha,
    );
  });

  it("names the entry and field that cannot be read", () => {
    const broken = REAL.replace(`sha: "${actions.cache.sha}"`, 'sha: "v5"');
    expect(() => parseCatalog(broken)).toThrow(
      'workflows-src/actions.ts: actions.cache.sha: "v5" is not a full 40-hex commit SHA',
    );
    expect(() => parseCatalog("export const other = {};")).toThrow(
      /no `export const actions = \{ … \} as const` found/,
    );
  });
});

describe("setPin", () => {
  it("changes exactly the two literals of one entry and keeps the layout", () => {
    const updated = setPin(REAL, "cache", { sha: NEW_SHA, version: "v5.1.0" });
    const before = REAL.split("\n");
    const after = updated.split("\n");
    expect(after).toHaveLength(before.length);
    const changed = after.flatMap((line, i) =>
      line === before[i] ? [] : [[before[i], line]],
    );
    expect(changed).toEqual([
      [`    sha: "${actions.cache.sha}",`, `    sha: "${NEW_SHA}",`],
      [`    version: "${actions.cache.version}",`, `    version: "v5.1.0",`],
    ]);
    expect(parseCatalog(updated).find((e) => e.key === "cache")).toMatchObject({
      sha: NEW_SHA,
      version: "v5.1.0",
    });
  });

  it("refuses a short SHA, an odd tag name and an unknown entry", () => {
    expect(() =>
      setPin(REAL, "cache", { sha: "abc", version: "v1.0.0" }),
    ).toThrow(/not a full commit SHA/);
    expect(() =>
      setPin(REAL, "cache", { sha: NEW_SHA, version: 'v1"; x' }),
    ).toThrow(/not a tag name/);
    expect(() =>
      setPin(REAL, "nope", { sha: NEW_SHA, version: "v1.0.0" }),
    ).toThrow("workflows-src/actions.ts: actions.nope: no such entry");
  });
});
