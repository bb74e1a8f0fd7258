import { getDb } from "@/db/client";
import { AUTHOR_MAX_LENGTH, MESSAGE_MAX_LENGTH } from "@/notes/note-input";
import { listNotes } from "@/notes/notes-repository";

// Reads D1 on every request; there is nothing to prerender.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const notes = await listNotes(await getDb());
  return (
    <main>
      <h1>Guestbook</h1>
      <form method="post" action="/api/notes" aria-label="Sign the guestbook">
        <label>
          Name
          <input name="author" required maxLength={AUTHOR_MAX_LENGTH} />
        </label>
        <label>
          Message
          <textarea
            name="message"
            required
            maxLength={MESSAGE_MAX_LENGTH}
            rows={3}
          />
        </label>
        <button type="submit">Sign</button>
      </form>
      {notes.length === 0 ? (
        <p>No notes yet. Be the first!</p>
      ) : (
        <ol aria-label="Notes">
          {notes.map((note) => (
            <li key={note.id}>
              <strong>{note.author}</strong>: {note.message}{" "}
              <time dateTime={note.createdAt.toISOString()}>
                {note.createdAt.toISOString().slice(0, 16).replace("T", " ")}
              </time>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
