/** readIndex's failures on a virtual clock: the timeout fires when the test says time has passed. */
import { describe, expect, it } from "vitest";
import { virtualClock } from "../deploy/virtual-clock";
import { readIndex } from "./read-index";

const URL_INDEX = "https://nodejs.org/dist/index.json";

describe("readIndex", () => {
  it("gives up on a server that never answers once the timeout has passed, and not before", async () => {
    const clock = virtualClock();
    let signal: AbortSignal | undefined;
    const silent = ((_url, init) => {
      signal = init?.signal ?? undefined;
      return new Promise((_resolve, reject) =>
        signal?.addEventListener("abort", () => reject(signal?.reason)),
      );
    }) as typeof fetch;
    const reading = readIndex(URL_INDEX, 20_000, { clock, fetch: silent });
    clock.advance(19_999);
    expect(signal?.aborted).toBe(false);
    clock.advance(1);
    await expect(reading).rejects.toThrow(
      `could not read ${URL_INDEX}: no answer within 20 s — retry later, or set NODE_DIST_INDEX_URL to a reachable mirror`,
    );
  });

  it("names a network failure by its code and a bad status by its number", async () => {
    const refused = (async () => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("getaddrinfo ENOTFOUND"), {
          code: "ENOTFOUND",
        }),
      });
    }) as typeof fetch;
    await expect(
      readIndex(URL_INDEX, 1000, { clock: virtualClock(), fetch: refused }),
    ).rejects.toThrow(
      `could not read ${URL_INDEX}: fetch failed (ENOTFOUND) — retry later`,
    );
    const missing = (async () =>
      new Response("gone", { status: 404 })) as typeof fetch;
    await expect(
      readIndex(URL_INDEX, 1000, { clock: virtualClock(), fetch: missing }),
    ).rejects.toThrow(`could not read ${URL_INDEX}: HTTP 404`);
  });

  it("returns the parsed JSON", async () => {
    const index = (async () =>
      Response.json([{ version: "v22.0.0" }])) as typeof fetch;
    expect(
      await readIndex(URL_INDEX, 1000, { clock: virtualClock(), fetch: index }),
    ).toEqual([{ version: "v22.0.0" }]);
  });
});
