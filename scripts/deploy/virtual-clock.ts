/**
 * For tests: a clock whose time moves only when the code under test sleeps, so a 1.5 s deadline
 * passes after exactly the backoff sequence the loop chose, however loaded the machine is.
 */
import type { Clock } from "./clock";

export interface VirtualClock extends Clock {
  /** Every sleep asked for, in order. */
  readonly sleeps: readonly number[];
}

export function virtualClock(): VirtualClock {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleeps,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
      // Yield like a real timer would, so other work (a server's answer) can run.
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
}
