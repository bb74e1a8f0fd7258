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
      if (text === accountFileText(subdomain)) {
        return {
          state: "ok",
          detail: `${subdomain}.workers.dev (${ACCOUNT_FILE})`,
        };
      }
      return {
        state: "differs",
        detail: `${ACCOUNT_FILE}: WORKERS_DEV_SUBDOMAIN → "${subdomain}" (environment URLs follow)`,
        apply: async (): Promise<SetupItem> => {
          writeFileSync(options.accountFile, accountFileText(subdomain));
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
