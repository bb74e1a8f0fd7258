/**
 * The worker's own complaint, from wrangler dev's log: a failing E2E step says what the browser saw
 * ("500", a timeout), the log says why ("D1_ERROR: no such column: author"). Distinct lines only,
 * colour codes stripped, so the verdict can quote them.
 */

// eslint-disable-next-line no-control-regex -- the ANSI escape is exactly what is stripped
const ansi = /\u001b\[[0-9;]*m/g;
// Database and runtime errors the app raised; wrangler's own chatter (it probes the network) is not one.
const errorLine =
  /\b(D1_ERROR|SQLITE_\w+|no such (column|table)|constraint failed|(Type|Range|Reference)Error\b)/i;

export function workerErrors(log: string, limit = 2): string[] {
  const found: string[] = [];
  for (const raw of log.split("\n")) {
    const line = raw.replace(ansi, "").trim();
    if (!errorLine.test(line)) continue;
    // The SQLite reason is the useful part of long "Failed query: …" lines.
    const reason =
      /(D1_ERROR[^]*|no such (column|table)[^]*|\w+ constraint failed[^]*)$/i.exec(
        line,
      )?.[0] ?? line;
    const short = reason.length > 200 ? `${reason.slice(0, 200)}…` : reason;
    if (!found.includes(short)) found.push(short);
    if (found.length >= limit) break;
  }
  return found;
}
