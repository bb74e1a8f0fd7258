/**
 * For tests: a clock whose time moves only when the code under test sleeps or the test says time
 * has passed (advance: a slow answer, a hung child), so a 1.5 s deadline passes after exactly the
 * backoff sequence the loop chose, and a timeout fires exactly when its time comes, however loaded
 * the machine is.
 */
import type { Clock } from "./clock";

export interface VirtualClock extends Clock {
  /** Moves time forward, aborting every timeout that falls due on the way. */
  readonly advance: (ms: number) => void;
  /** Every sleep asked for, in order. */
  readonly sleeps: readonly number[];
  /** Every timeout asked for, in order. */
  readonly timeouts: readonly number[];
}

export function virtualClock(): VirtualClock {
  let now = 0;
  const sleeps: number[] = [];
  const timeouts: number[] = [];
  const pending: { at: number; controller: AbortController }[] = [];
  const advance = (ms: number) => {
    now += ms;
    for (const due of pending.filter((t) => t.at <= now)) {
      pending.splice(pending.indexOf(due), 1);
      due.controller.abort(
        new DOMException(
          "The operation was aborted due to timeout",
          "TimeoutError",
        ),
      );
    }
  };
  return {
    now: () => now,
    advance,
    sleeps,
    timeouts,
    sleep: async (ms) => {
      sleeps.push(ms);
      advance(ms);
      // Yield like a real timer would, so other work (a server's answer) can run.
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
    timeout: (ms) => {
      timeouts.push(ms);
      const controller = new AbortController();
      pending.push({ at: now + ms, controller });
      return controller.signal;
    },
  };
}
