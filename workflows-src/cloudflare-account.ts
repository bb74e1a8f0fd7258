/**
 * Facts about the Cloudflare account that only the account knows. `npm run setup -- --apply`
 * rewrites this file from what Cloudflare reports, so the environment URLs stop being placeholders;
 * commit it (and `npm run gen:workflows`' output) with the rest of the setup change.
 */

/** The account's workers.dev subdomain: Workers are served at https://<worker>.<this>.workers.dev. */
export const WORKERS_DEV_SUBDOMAIN = "example";
