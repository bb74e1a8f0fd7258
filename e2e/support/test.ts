import { test as base } from "@playwright/test";
import { baseUrl } from "./base-url";

/** Playwright's `test` with baseURL pointing at the worker global setup started. */
export const test = base.extend({
  // Resolved lazily in the test worker: the URL only exists after global setup.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => {
    await use(baseUrl());
  },
});

export { expect } from "@playwright/test";
