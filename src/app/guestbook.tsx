import { AUTHOR_MAX_LENGTH, MESSAGE_MAX_LENGTH } from "@/notes/note-input";
import type { GuestbookState } from "@/notes/load-guestbook";

/** The whole page body; page.tsx only loads the state, so tests can render this with a real D1. */
export function Guestbook({ state }: { state: GuestbookState }) {
  return (
    <main>
      <h1>Guestbook</h1>
      {state.kind === "database-problem" ? (
        <section role="alert" aria-label="Database problem">
          <p>{state.problem.summary}</p>
          <p>
            Fix: <code>{state.problem.fix}</code>, then reload this page.
          </p>
        </section>
      ) : (
        <>
          <form
            method="post"
            action="/api/notes"
            aria-label="Sign the guestbook"
          >
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
          {state.notes.length === 0 ? (
            <p>No notes yet. Be the first!</p>
          ) : (
            <ol aria-label="Notes">
              {state.notes.map((note) => (
                <li key={note.id}>
                  <strong>{note.author}</strong>: {note.message}{" "}
                  <time dateTime={note.createdAt.toISOString()}>
                    {note.createdAt
                      .toISOString()
                      .slice(0, 16)
                      .replace("T", " ")}
                  </time>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </main>
  );
}
