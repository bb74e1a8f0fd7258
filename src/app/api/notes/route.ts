import { getDb } from "@/db/client";
import { parseNoteInput } from "@/notes/note-input";
import { createNote, listNotes } from "@/notes/notes-repository";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return Response.json({ notes: await listNotes(await getDb()) });
}

/**
 * Accepts JSON (API clients) or a form post (the page's <form>, works
 * without JavaScript). A form post is redirected back to the page; bad input
 * is always a 400 JSON error naming the field.
 */
export async function POST(request: Request): Promise<Response> {
  const contentType = request.headers.get("content-type") ?? "";
  const isForm =
    contentType.startsWith("application/x-www-form-urlencoded") ||
    contentType.startsWith("multipart/form-data");

  let raw: unknown;
  try {
    raw = isForm
      ? Object.fromEntries(await request.formData())
      : await request.json();
  } catch {
    return Response.json(
      {
        error: {
          field: "body",
          message: "body: not valid JSON or form data",
        },
      },
      { status: 400 },
    );
  }

  const parsed = parseNoteInput(raw);
  if (!parsed.ok) {
    return Response.json({ error: parsed.error }, { status: 400 });
  }

  const note = await createNote(await getDb(), parsed.value);
  if (isForm) {
    // Relative on purpose: behind wrangler dev / proxies request.url may carry
    // a different host than the one the browser used.
    return new Response(null, { status: 303, headers: { location: "/" } });
  }
  return Response.json({ note }, { status: 201 });
}
