/**
 * Every catalog pin against its repository, all repositories asked at once, and the catalog text
 * with the pins that are merely behind moved to their newest release. Moved or vanished tags and
 * unanswered repositories are left exactly as pinned.
 */
import { parseCatalog, setPin } from "./catalog-text";
import { repositoryUrl, type LsRemote } from "./ls-remote";
import { assessPin, type PinStatus } from "./pin-status";
import { parseLsRemote } from "./release-tags";

export async function assessCatalog(
  catalogText: string,
  gitBase: string,
  lsRemote: LsRemote,
): Promise<PinStatus[]> {
  const entries = parseCatalog(catalogText);
  return Promise.all(
    entries.map(async (entry): Promise<PinStatus> => {
      try {
        const output = await lsRemote(repositoryUrl(gitBase, entry.repo));
        return assessPin(entry, parseLsRemote(output));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { kind: "unreachable", entry, error: message };
      }
    }),
  );
}

export function applyUpdates(
  catalogText: string,
  statuses: readonly PinStatus[],
): string {
  let text = catalogText;
  for (const status of statuses) {
    if (status.kind !== "behind") continue;
    text = setPin(text, status.entry.key, {
      sha: status.newest.sha,
      version: status.newest.tag,
    });
  }
  return text;
}
