/**
 * Fetches the Node.js release index, giving up after a timeout with a reason a person can act on.
 * The clock and fetch are parameters so the timeout is tested on a virtual clock, not by waiting.
 */
import { realClock, type Clock } from "../deploy/clock";

export interface ReadIndexDeps {
  readonly clock?: Clock;
  readonly fetch?: typeof fetch;
}

export async function readIndex(
  url: string,
  timeoutMs: number,
  deps: ReadIndexDeps = {},
): Promise<unknown> {
  const fetchIndex = deps.fetch ?? fetch;
  let response: Response;
  try {
    response = await fetchIndex(url, {
      signal: (deps.clock ?? realClock).timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const reason =
      (error as Error).name === "TimeoutError"
        ? `no answer within ${timeoutMs / 1000} s`
        : `${(error as Error).message}${cause ? ` (${cause})` : ""}`;
    throw new Error(
      `could not read ${url}: ${reason} — retry later, or set NODE_DIST_INDEX_URL to a reachable mirror`,
      { cause: error },
    );
  }
  if (!response.ok) {
    throw new Error(`could not read ${url}: HTTP ${response.status}`);
  }
  return response.json();
}
