/**
 * The only `run:` steps ci:local does not run as written, each with the reason, and a stand-in that
 * still checks what the step guarantees. They are printed on every run: a difference that is
 * listed, not hidden.
 */
export interface StandIn {
  readonly script: string;
  readonly why: string;
}

export const STAND_INS: Readonly<Record<string, StandIn>> = {
  "npm run e2e:install-browser": {
    script:
      'test -x "${CHROMIUM_PATH:-/usr/bin/chromium}" || { echo "no Chromium: apt-get install chromium" >&2; exit 1; }',
    why: "Playwright's browser download is unreachable here; playwright.config.ts uses Debian's /usr/bin/chromium",
  },
  "npm run e2e:install-browser-deps": {
    script:
      'test -x "${CHROMIUM_PATH:-/usr/bin/chromium}" || { echo "no Chromium: apt-get install chromium" >&2; exit 1; }',
    why: "the system libraries come with Debian's chromium package; apt-get from a job would change this machine",
  },
};

export function standInFor(run: string): StandIn | undefined {
  return STAND_INS[run.trim()];
}
