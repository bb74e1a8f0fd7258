/**
 * Time as the deploy loops see it. Injected so a test can let a deadline pass without waiting for
 * it: what such a test asserts is attempts and outcomes, never how long the machine took.
 */
export interface Clock {
  /** Milliseconds from an arbitrary origin, monotonic. */
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /**
   * Aborts with a "TimeoutError" once `ms` have passed, as AbortSignal.timeout does: a request or
   * a child process gives up by this clock, so a test decides when "too long" has happened.
   */
  readonly timeout: (ms: number) => AbortSignal;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  timeout: (ms) => AbortSignal.timeout(ms),
};
