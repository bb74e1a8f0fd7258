/**
 * Read-only calls to Cloudflare's API that no wrangler command makes on its own: the workers.dev
 * subdomain and the token preflight (setup), a Worker's Durable Object migration tag (release). Same base URL switch as wrangler (CLOUDFLARE_API_BASE_URL), so
 * the tests' Cloudflare double answers both.
 */
import type { EnvVars } from "../env-vars";

export const DEFAULT_CLOUDFLARE_API = "https://api.cloudflare.com/client/v4";

export interface CloudflareAnswer {
  readonly status: number;
  readonly success: boolean;
  readonly result: unknown;
  /** Cloudflare's own words: "Authentication error [code: 10000]". */
  readonly error: string;
}

export type CloudflareGet = (path: string) => Promise<CloudflareAnswer>;

interface Envelope {
  success?: boolean;
  result?: unknown;
  errors?: { code?: number; message?: string }[];
}

export function createCloudflareGet(
  env: EnvVars,
  token: string,
): CloudflareGet {
  const base = (
    env["CLOUDFLARE_API_BASE_URL"] || DEFAULT_CLOUDFLARE_API
  ).replace(/\/+$/, "");
  return async (path) => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      return {
        status: 0,
        success: false,
        result: undefined,
        error: `Cloudflare API unreachable at ${base} (${error instanceof Error ? error.message : String(error)})`,
      };
    }
    let body: Envelope = {};
    try {
      body = (await response.json()) as Envelope;
    } catch {
      // Not Cloudflare's envelope (a proxy page): the status says enough.
    }
    const error = (body.errors ?? [])
      .map((e) => `${e.message ?? "error"} [code: ${e.code ?? "?"}]`)
      .join("; ");
    return {
      status: response.status,
      success: response.ok && body.success !== false,
      result: body.result,
      error: error || `HTTP ${response.status}`,
    };
  };
}
