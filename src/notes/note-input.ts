import { z } from "zod";

export const AUTHOR_MAX_LENGTH = 40;
export const MESSAGE_MAX_LENGTH = 280;

const noteInputSchema = z.object({
  author: z
    .string({ error: "is required" })
    .trim()
    .min(1, { error: "must not be empty" })
    .max(AUTHOR_MAX_LENGTH, {
      error: `must be at most ${AUTHOR_MAX_LENGTH} characters`,
    }),
  message: z
    .string({ error: "is required" })
    .trim()
    .min(1, { error: "must not be empty" })
    .max(MESSAGE_MAX_LENGTH, {
      error: `must be at most ${MESSAGE_MAX_LENGTH} characters`,
    }),
});

export type NoteInput = z.infer<typeof noteInputSchema>;

export type NoteInputError = {
  /** The offending field ("author", "message") or "body" when the input is not an object. */
  field: string;
  message: string;
};

export type NoteInputResult =
  { ok: true; value: NoteInput } | { ok: false; error: NoteInputError };

/**
 * Validates a note submitted by a form or as JSON. Pure: the route handler
 * turns a failure into HTTP 400 with the error as JSON.
 */
export function parseNoteInput(raw: unknown): NoteInputResult {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      error: {
        field: "body",
        message: "body: expected an object with author and message",
      },
    };
  }
  const parsed = noteInputSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  // zod reports at least one issue on failure; the fallbacks only satisfy the
  // type checker, so their mutants are equivalent and disabled.
  const issue = parsed.error.issues[0];
  // Stryker disable next-line OptionalChaining,StringLiteral
  const field = String(issue?.path[0] ?? "body");
  // Stryker disable next-line OptionalChaining,StringLiteral
  const message = `${field}: ${issue?.message ?? "is invalid"}`;
  return { ok: false, error: { field, message } };
}
