/**
 * The environment a process needs to talk to the double instead of Cloudflare: wrangler reaches
 * the API through CLOUDFLARE_API_BASE_URL (direct: NO_PROXY covers 127.0.0.1), and Node's fetch
 * (health checks) reaches `*.workers.dev` through the double as HTTPS proxy, trusting its CA.
 */
export interface DoubleEndpoint {
  readonly url: string;
  readonly apiBaseUrl: string;
  readonly caFile: string;
  readonly accountId: string;
  readonly token: string;
}

export function doubleEnv(d: DoubleEndpoint): Record<string, string> {
  return {
    CLOUDFLARE_API_BASE_URL: d.apiBaseUrl,
    CLOUDFLARE_API_TOKEN: d.token,
    CLOUDFLARE_ACCOUNT_ID: d.accountId,
    NODE_USE_ENV_PROXY: "1",
    HTTPS_PROXY: d.url,
    HTTP_PROXY: d.url,
    NO_PROXY: "127.0.0.1,localhost,::1",
    NODE_EXTRA_CA_CERTS: d.caFile,
    WRANGLER_SEND_METRICS: "false",
    CI: "true",
    NO_COLOR: "1",
    FORCE_COLOR: "0",
  };
}
