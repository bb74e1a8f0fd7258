/**
 * The names a pull request's preview goes by, all derived from its number and environments.ts's
 * `preview` entry: its database, its preview alias and the alias URL. The cleanup reads a number
 * back only from a name of exactly this shape, so it can never delete another database.
 */
import type { PreviewEnvironment } from "../../../workflows-src/builders/environment-model";

export function checkPullRequest(pr: number): number {
  if (!Number.isSafeInteger(pr) || pr < 1)
    throw new Error(
      `preview: pull request number ${String(pr)} is not a positive integer — pass --pr <number>`,
    );
  return pr;
}

export function previewDatabaseName(
  preview: PreviewEnvironment,
  pr: number,
): string {
  return `${preview.d1DatabasePrefix}${checkPullRequest(pr)}`;
}

export function previewAlias(preview: PreviewEnvironment, pr: number): string {
  return `${preview.aliasPrefix}${checkPullRequest(pr)}`;
}

/** The pull request a database belongs to, or undefined for any other name. */
export function pullRequestOfDatabase(
  preview: PreviewEnvironment,
  name: string,
): number | undefined {
  if (!name.startsWith(preview.d1DatabasePrefix)) return undefined;
  const rest = name.slice(preview.d1DatabasePrefix.length);
  return /^[1-9]\d{0,9}$/.test(rest) ? Number(rest) : undefined;
}
