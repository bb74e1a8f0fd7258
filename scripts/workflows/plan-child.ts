/**
 * The planning process: imports workflows-src/index.ts (the definitions, the one place code of a
 * pull request runs while generating) and writes what gen:workflows would write as JSON on stdout:
 * `{ ok: true, planned }` or `{ ok: false, errors }`. The process that checks, audits and writes
 * reads only that JSON, so nothing a definition does can reach it.
 */
import { pathToFileURL } from "node:url";
import { loadDefinitions, type DefinitionsModule } from "./load-definitions";
import { planFiles } from "./plan";

// Another definitions module than workflows-src/index.ts (tests): its path as the one argument.
const entry = process.argv[2];
const load = entry
  ? () => import(pathToFileURL(entry).href) as Promise<DefinitionsModule>
  : undefined;

try {
  const planned = planFiles(await loadDefinitions(load));
  process.stdout.write(JSON.stringify({ ok: true, planned }));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stdout.write(
    JSON.stringify({ ok: false, errors: message.split("\n") }),
  );
}
