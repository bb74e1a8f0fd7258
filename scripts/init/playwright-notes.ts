/**
 * What an app's Playwright config asks that the generated E2E job does not give, one note each:
 * the job installs chromium only (the allow-listed download), so firefox or webkit projects fail
 * there; and a webServer command runs the app's own server (often a second build) where the job
 * already has the build quality made. Read from the config's text (it is code: not run). Pure.
 */
const OTHER_BROWSERS = /\b(firefox|webkit)\b|Desktop (Firefox|Safari)/gi;
const WEB_SERVER_COMMAND =
  /webServer\s*:\s*\{[\s\S]*?\bcommand\s*:\s*["'`]([^"'`]+)["'`]/;

export function playwrightNotes(file: string, text: string): string[] {
  const notes: string[] = [];
  const browsers = new Set(
    [...text.matchAll(OTHER_BROWSERS)].map((m) =>
      (m[1] ?? (m[2] === "Safari" ? "webkit" : "firefox")).toLowerCase(),
    ),
  );
  if (browsers.size > 0)
    notes.push(
      `${file}: projects for ${[...browsers].sort().join(" and ")} — the E2E job installs chromium only; run those locally or leave them out in CI`,
    );
  const server = WEB_SERVER_COMMAND.exec(text)?.[1];
  if (server)
    notes.push(
      `${file}: webServer runs "${server}" — in the E2E job that is the app's own server over the job's checkout; check it does not rebuild what the build job made`,
    );
  return notes;
}
