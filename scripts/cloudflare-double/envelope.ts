/**
 * Cloudflare's v4 response envelope, built in one place for every handler of the double: the
 * shape wrangler's `fetchResult` reads (`success`, `errors[{code,message}]`, `messages`, `result`)
 * and turns into an APIError whose notes are `"<message> [code: <code>]"`.
 * @see https://developers.cloudflare.com/api/ (every response: "success", "errors", "messages", "result")
 */
import { z } from "zod";

export const apiMessageSchema = z.object({
  code: z.number().int(),
  message: z.string(),
});
export type ApiMessage = z.infer<typeof apiMessageSchema>;

export const envelopeSchema = z.object({
  success: z.boolean(),
  errors: z.array(apiMessageSchema),
  messages: z.array(apiMessageSchema),
  result: z.unknown(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

export function success<T>(result: T, extra: Record<string, unknown> = {}) {
  return { success: true, errors: [], messages: [], result, ...extra };
}

export function failure(errors: readonly ApiMessage[]): Envelope {
  return { success: false, errors: [...errors], messages: [], result: null };
}

/** Thrown by handlers; the server answers it as a failure envelope with this HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Codes the double answers with, named after what Cloudflare means by them. */
export const CODES = {
  /** "Authentication error" — token missing, malformed or unknown. */
  authentication: 10000,
  /** "This Worker does not exist on your account." (workers/scripts/:name/…) */
  workerNotFound: 10007,
  /** "workers.api.error.service_not_found" (workers/services/:name) */
  serviceNotFound: 10090,
  /** D1: database not found. */
  d1NotFound: 7404,
  /** D1: SQL or query error. */
  d1QueryError: 7500,
  /** Generic "invalid request". */
  badRequest: 10021,
  /** The double has no handler for this method and path. */
  noRoute: 7003,
} as const;
