import { describe, expect, it } from "vitest";
import {
  AUTHOR_MAX_LENGTH,
  MESSAGE_MAX_LENGTH,
  parseNoteInput,
} from "./note-input";

describe("parseNoteInput", () => {
  it("accepts a valid note and trims both fields", () => {
    expect(parseNoteInput({ author: "  Ada ", message: " hello\n" })).toEqual({
      ok: true,
      value: { author: "Ada", message: "hello" },
    });
  });

  it("accepts fields exactly at the length limits", () => {
    const input = {
      author: "a".repeat(AUTHOR_MAX_LENGTH),
      message: "m".repeat(MESSAGE_MAX_LENGTH),
    };
    expect(parseNoteInput(input)).toEqual({ ok: true, value: input });
  });

  it("ignores unknown fields", () => {
    expect(parseNoteInput({ author: "A", message: "B", admin: true })).toEqual({
      ok: true,
      value: { author: "A", message: "B" },
    });
  });

  it.each([
    [null],
    [undefined],
    ["author=A"],
    [42],
    [[{ author: "A", message: "B" }]],
  ])("refuses a body that is not an object: %j", (raw) => {
    expect(parseNoteInput(raw)).toEqual({
      ok: false,
      error: {
        field: "body",
        message: "body: expected an object with author and message",
      },
    });
  });

  it("names a missing author", () => {
    expect(parseNoteInput({ message: "hi" })).toEqual({
      ok: false,
      error: { field: "author", message: "author: is required" },
    });
  });

  it("names a missing message", () => {
    expect(parseNoteInput({ author: "Ada" })).toEqual({
      ok: false,
      error: { field: "message", message: "message: is required" },
    });
  });

  it("refuses a non-string field as missing", () => {
    expect(parseNoteInput({ author: 7, message: "hi" })).toEqual({
      ok: false,
      error: { field: "author", message: "author: is required" },
    });
  });

  it("refuses a whitespace-only author", () => {
    expect(parseNoteInput({ author: "   ", message: "hi" })).toEqual({
      ok: false,
      error: { field: "author", message: "author: must not be empty" },
    });
  });

  it("refuses a whitespace-only message", () => {
    expect(parseNoteInput({ author: "Ada", message: " \t " })).toEqual({
      ok: false,
      error: { field: "message", message: "message: must not be empty" },
    });
  });

  it("refuses an author one character over the limit", () => {
    expect(
      parseNoteInput({
        author: "a".repeat(AUTHOR_MAX_LENGTH + 1),
        message: "hi",
      }),
    ).toEqual({
      ok: false,
      error: {
        field: "author",
        message: `author: must be at most ${AUTHOR_MAX_LENGTH} characters`,
      },
    });
  });

  it("refuses a message one character over the limit", () => {
    expect(
      parseNoteInput({
        author: "Ada",
        message: "m".repeat(MESSAGE_MAX_LENGTH + 1),
      }),
    ).toEqual({
      ok: false,
      error: {
        field: "message",
        message: `message: must be at most ${MESSAGE_MAX_LENGTH} characters`,
      },
    });
  });

  it("measures the limit after trimming", () => {
    const padded = ` ${"a".repeat(AUTHOR_MAX_LENGTH)} `;
    expect(parseNoteInput({ author: padded, message: "hi" })).toMatchObject({
      ok: true,
    });
  });

  it("pins the limits", () => {
    expect([AUTHOR_MAX_LENGTH, MESSAGE_MAX_LENGTH]).toEqual([40, 280]);
  });
});
