/**
 * The account's workers.dev subdomain (GET /accounts/{account_id}/workers/subdomain →
 * { result: { subdomain } }) decides every environment URL. Apply rewrites
 * workflows-src/cloudflare-account.ts (a file that holds only this fact) and regenerates the
 * workflows, whose environment URLs change with it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { SetupItem } from "../report";
import type { Resource } from "../resources";
import type { CloudflareGet } from "./api";

export const ACCOUNT_FILE = "workflows-src/cloudflare-account.ts";
/** The constant that file exports; environments.ts builds its URLs from it. */
export const SUBDOMAIN_CONSTANT = "WORKERS_DEV_SUBDOMAIN";

export function accountFileText(subdomain: string): string {
  return `/**
 * Facts about the Cloudflare account that only the account knows. \`npm run setup -- --apply\`
 * rewrites this file from what Cloudflare reports, so the environment URLs stop being placeholders;
 * commit it (and \`npm run gen:workflows\`' output) with the rest of the setup change.
 */

/** The account's workers.dev subdomain: Workers are served at https://<worker>.<this>.workers.dev. */
export const ${SUBDOMAIN_CONSTANT} = ${JSON.stringify(subdomain)};
`;
}

/**
 * The subdomain the file records, whatever the quotes and layout: the adopter's formatter may have
 * rewritten it (init writes it in the app's Prettier style), and that is still "in place".
 */
export function recordedSubdomain(text: string): string | undefined {
  const match = new RegExp(
    `export const ${SUBDOMAIN_CONSTANT}\\s*=\\s*(["'])((?:\\\\.|(?!\\1).)*)\\1`,
  ).exec(text);
  if (match === null) return undefined;
  try {
    return JSON.parse(`"${(match[2] ?? "").replace(/\\'/g, "'")}"`) as string;
  } catch {
    return undefined;
  }
}

/** The file with the new subdomain, keeping the file's own quote style when it has the constant. */
export function withSubdomain(text: string, subdomain: string): string {
  const match = new RegExp(
    `(export const ${SUBDOMAIN_CONSTANT}\\s*=\\s*)(["'])(?:\\\\.|(?!\\2).)*\\2`,
  ).exec(text);
  if (match === null) return accountFileText(subdomain);
  const quote = match[2] ?? '"';
  const literal =
    quote === "'"
      ? `'${JSON.stringify(subdomain).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`
      : JSON.stringify(subdomain);
  return `${text.slice(0, match.index)}${match[1]}${literal}${text.slice(match.index + match[0].length)}`;
}

export interface SubdomainOptions {
  readonly get: CloudflareGet;
  readonly accountId: string;
  /** Absolute path of workflows-src/cloudflare-account.ts. */
  readonly accountFile: string;
  /** Regenerates the workflows after the file changed (npm run gen:workflows). */
  readonly regenerate: () => Promise<void>;
}

export function subdomainResource(options: SubdomainOptions): Resource {
  const name = "workers.dev subdomain";
  return {
    name,
    inspect: async () => {
      const answer = await options.get(
        `/accounts/${options.accountId}/workers/subdomain`,
      );
      const subdomain =
        typeof answer.result === "object" && answer.result !== null
          ? (answer.result as { subdomain?: unknown }).subdomain
          : undefined;
      if (
        !answer.success ||
        typeof subdomain !== "string" ||
        subdomain === ""
      ) {
        throw new Error(
          `the account has no workers.dev subdomain readable (${answer.status} ${answer.error}) — register one in the Cloudflare dashboard (Workers & Pages → Account details → Subdomain), then re-run`,
        );
      }
      // The file is ours and written whole, so "in place" means exactly the text we would write.
      let text = "";
      try {
        text = readFileSync(options.accountFile, "utf8");
      } catch {
        // Missing: written below.
      }
      if (recordedSubdomain(text) === subdomain) {
        return {
          state: "ok",
          detail: `${subdomain}.workers.dev (${ACCOUNT_FILE})`,
        };
      }
      return {
        state: "differs",
        detail: `${ACCOUNT_FILE}: WORKERS_DEV_SUBDOMAIN → "${subdomain}" (environment URLs follow)`,
        apply: async (): Promise<SetupItem> => {
          writeFileSync(options.accountFile, withSubdomain(text, subdomain));
          await options.regenerate();
          return {
            resource: name,
            state: "updated",
            detail: `${ACCOUNT_FILE} now says "${subdomain}"; workflows regenerated — commit both`,
          };
        },
      };
    },
  };
}
