/**
 * Direct calls to Cloudflare's API: what no wrangler command reads (the workers.dev subdomain, the
 * token preflight, a Worker's Durable Object migration tag), and the reads a deploy makes again and
 * again (which version serves, a version's tag, the D1 bookmark, a query) — one HTTPS request
 * instead of a wrangler start (~1.5-2 CPU-s each: its 15 MB CLI module loads for every command).
 * Writes stay with wrangler. Same base URL switch as wrangler (CLOUDFLARE_API_BASE_URL), so the
 * tests' Cloudflare double answers both, with the same routes and shapes.
 */
import type { EnvVars } from "../env-vars";

export const DEFAULT_CLOUDFLARE_API = "https://api.cloudflare.com/client/v4";

export interface CloudflareAnswer {
  readonly status: number;
  readonly success: boolean;
  readonly result: unknown;
  /** Cloudflare's own words: "Authentication error [code: 10000]". */
  readonly error: string;
  /** The envelope's errors, each as "message [code: N]" (wrangler's notes read the same). */
  readonly notes: readonly string[];
  /** The first error's code (10007: no such Worker; 7500: SQL error). */
  readonly code?: number;
}

export type CloudflareGet = (path: string) => Promise<CloudflareAnswer>;

/** A JSON body to send: the request is then a POST. */
export interface CloudflareBody {
  readonly body: unknown;
}

/** GET `path`, or POST `body` as JSON to it. */
export type CloudflareRequest = (
  path: string,
  send?: CloudflareBody,
) => Promise<CloudflareAnswer>;

interface Envelope {
  success?: boolean;
  result?: unknown;
  errors?: { code?: number; message?: string }[];
}

export function createCloudflareGet(
  env: EnvVars,
  token: string,
): CloudflareRequest {
  const base = (
    env["CLOUDFLARE_API_BASE_URL"] || DEFAULT_CLOUDFLARE_API
  ).replace(/\/+$/, "");
  return async (path, send) => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        ...(send === undefined
          ? { headers: { authorization: `Bearer ${token}` } }
          : {
              method: "POST",
              headers: {
                authorization: `Bearer ${token}`,
                "content-type": "application/json",
              },
              body: JSON.stringify(send.body),
            }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      return {
        status: 0,
        success: false,
        result: undefined,
        error: `Cloudflare API unreachable at ${base} (${error instanceof Error ? error.message : String(error)})`,
        notes: [],
      };
    }
    let body: Envelope = {};
    try {
      body = (await response.json()) as Envelope;
    } catch {
      // Not Cloudflare's envelope (a proxy page): the status says enough.
    }
    const notes = (body.errors ?? []).map(
      (e) => `${e.message ?? "error"} [code: ${e.code ?? "?"}]`,
    );
    const code = body.errors?.[0]?.code;
    return {
      status: response.status,
      success: response.ok && body.success !== false,
      result: body.result,
      error: notes.join("; ") || `HTTP ${response.status}`,
      notes,
      ...(code === undefined ? {} : { code }),
    };
  };
}
