/**
 * A minimal method + path router for the double. Patterns use `:name` segments; a request no
 * route matches is answered with an error naming its method and path, so a wrangler call the
 * double does not know fails loudly instead of hanging or succeeding by accident.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { z } from "zod";
import { ApiError, CODES } from "./envelope";
import type { DoubleState } from "./state";

export interface RequestContext {
  readonly method: string;
  /** Path below the API base (`/client/v4` stripped), e.g. `/accounts/abc/d1/database`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly params: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly state: DoubleState;
  /** API requests answered so far (control API: GET /__double/requests). */
  readonly requests: readonly RequestRecord[];
}

export interface RequestRecord {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly code?: number;
}

export type Reply =
  | { readonly status?: number; readonly json: unknown }
  | {
      readonly status?: number;
      readonly text: string;
      readonly contentType?: string;
      /** Extra response headers (an upload's ETag). */
      readonly headers?: Readonly<Record<string, string>>;
    };

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export interface Route {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly pattern: string;
  readonly handler: Handler;
}

export function route(
  method: Route["method"],
  pattern: string,
  handler: Handler,
): Route {
  return { method, pattern, handler };
}

function match(
  pattern: string,
  path: string,
): Record<string, string> | undefined {
  const want = pattern.split("/").filter(Boolean);
  const got = path.split("/").filter(Boolean);
  // A last segment `*name` takes the rest of the path, slashes included (an R2 object key).
  const rest = want.at(-1)?.startsWith("*") === true;
  if (rest ? got.length < want.length : want.length !== got.length)
    return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    if (rest && i === want.length - 1) {
      params[segment.slice(1)] = got.slice(i).map(decodeURIComponent).join("/");
      break;
    }
    const actual = got[i] as string;
    if (segment.startsWith(":"))
      params[segment.slice(1)] = decodeURIComponent(actual);
    else if (segment !== actual) return undefined;
  }
  return params;
}

export function findRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } {
  for (const candidate of routes) {
    if (candidate.method !== method) continue;
    const params = match(candidate.pattern, path);
    if (params !== undefined) return { route: candidate, params };
  }
  throw new ApiError(
    404,
    CODES.noRoute,
    `cloudflare-double: no handler for ${method} ${path} — implement it in scripts/cloudflare-double/resources/ (see its README)`,
  );
}

export function parseJson<T>(ctx: RequestContext, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(ctx.body.toString("utf8") || "{}");
  } catch {
    throw new ApiError(400, CODES.badRequest, "Request body is not valid JSON");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(
      400,
      CODES.badRequest,
      `Invalid request body at ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`,
    );
  }
  return parsed.data;
}

/** Multipart bodies (script and version uploads) parsed with the platform's FormData reader. */
export async function parseForm(ctx: RequestContext): Promise<FormData> {
  const type = ctx.headers["content-type"] ?? "";
  return new Response(new Uint8Array(ctx.body), {
    headers: { "content-type": type },
  }).formData();
}

export function requireWorker(ctx: RequestContext, name: string) {
  const worker = ctx.state.workers.get(name);
  if (worker === undefined)
    throw new ApiError(
      404,
      CODES.workerNotFound,
      "This Worker does not exist on your account.",
    );
  return worker;
}

export function requireAccount(ctx: RequestContext): void {
  if (ctx.params.account !== ctx.state.accountId)
    throw new ApiError(403, CODES.authentication, "Authentication error");
}
