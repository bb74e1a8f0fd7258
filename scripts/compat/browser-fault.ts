/**
 * A failure the browser caused, not the serving build: Chromium lost the page or its protocol
 * connection (seen under load: `page.reload: Protocol error (Page.reload): Not attached to an
 * active page`). Such a failure says nothing about the schema, so the suite runs once more before
 * a verdict; a breaking change fails again, with the worker's own reason.
 */
import type { SuiteOutcome } from "./playwright-report";

const BROWSER_FAULT =
  /Protocol error \(|Not attached to an active page|Target (page, context or browser )?(has been )?closed|Target crashed|Browser has been closed|browser has disconnected/i;

export function browserFault(outcome: SuiteOutcome): string | undefined {
  const first = outcome.failed[0];
  return first !== undefined && BROWSER_FAULT.test(first.error)
    ? `${first.file} › ${first.title}: ${first.error}`
    : undefined;
}
