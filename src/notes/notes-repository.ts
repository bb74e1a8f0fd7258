import { desc } from "drizzle-orm";
import type { Database } from "../db/client";
import { notes, type Note } from "../db/schema";
import type { NoteInput } from "./note-input";

export const NOTES_PAGE_SIZE = 50;

export async function listNotes(db: Database): Promise<Note[]> {
  return db.select().from(notes).orderBy(desc(notes.id)).limit(NOTES_PAGE_SIZE);
}

export async function createNote(
  db: Database,
  input: NoteInput,
): Promise<Note> {
  const [created] = await db.insert(notes).values(input).returning();
  if (!created) throw new Error("notes: insert returned no row");
  return created;
}
