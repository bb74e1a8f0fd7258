import { serveBuiltWorker } from "./serve-worker";

/**
 * Starts the built worker once for the whole run on a fresh, migrated local D1.
 * The returned function is Playwright's teardown: it runs even when tests fail.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const worker = await serveBuiltWorker({
    keepTempDir: process.env.E2E_KEEP_STATE === "1",
  });
  // Workers are forked after global setup, so they inherit this.
  process.env.E2E_BASE_URL = worker.url;
  return worker.stop;
}
