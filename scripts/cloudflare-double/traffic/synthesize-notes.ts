/**
 * GET and POST /api/notes, synthesized like /api/health (the double does not run the uploaded
 * bundle) in the shape of src/app/api/notes: rows go to and come from the `notes` table of the D1
 * database the answering version's `d1` binding names. That binding is what a preview's isolation
 * rests on — a note posted to one URL lands in the database that URL's version is bound to — so
 * the tests write through the same route a reviewer's browser would.
 */
import type { D1Record } from "../d1-store";
import type { DoubleState, WorkerVersion } from "../state";

export interface NotesAnswer {
  readonly status: number;
  readonly body: unknown;
}

function boundDatabase(
  state: DoubleState,
  version: WorkerVersion,
): D1Record | string {
  const binding = version.bindings.find((b) => b.type === "d1");
  if (binding?.id === undefined) return "no D1 binding in this version";
  return (
    state.d1.find(binding.id) ?? `D1 database ${binding.id} does not exist`
  );
}

export function synthesizeNotes(
  state: DoubleState,
  version: WorkerVersion,
  method: string,
  body: string,
): NotesAnswer {
  const db = boundDatabase(state, version);
  if (typeof db === "string")
    return { status: 500, body: { error: { message: db } } };
  try {
    if (method === "GET") {
      const notes = state.d1.read(
        db,
        "SELECT id, author, message, created_at AS createdAt FROM notes ORDER BY id",
      );
      return { status: 200, body: { notes } };
    }
    if (method !== "POST")
      return { status: 405, body: { error: { message: "GET or POST" } } };
    let input: { author?: unknown; message?: unknown };
    try {
      input = JSON.parse(body) as typeof input;
    } catch {
      return { status: 400, body: { error: { field: "body" } } };
    }
    if (typeof input.author !== "string" || typeof input.message !== "string")
      return { status: 400, body: { error: { field: "author/message" } } };
    const [inserted] = state.d1.query(
      db,
      "INSERT INTO notes (author, message, created_at) VALUES (?, ?, ?) RETURNING id, author, message, created_at AS createdAt",
      [input.author, input.message, Date.now()],
    );
    return { status: 201, body: { note: inserted?.results[0] } };
  } catch (error) {
    return { status: 500, body: { error: { message: String(error) } } };
  }
}
