/** The URL global-setup started the worker on. */
export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) {
    throw new Error(
      "E2E_BASE_URL is not set — run the suite with `npm run test:e2e` so global setup starts the worker",
    );
  }
  return url;
}
