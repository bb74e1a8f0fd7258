import { expect, it } from "vitest";
import { tokenize } from "./tokenize";

it("keeps a word's text as written and a quoted name's text unquoted", () => {
  expect(
    tokenize('Users "My""T"').tokens.map((t) => [t.value, t.text]),
  ).toEqual([
    ["USERS", "Users"],
    ['My"T', 'My"T'],
  ]);
});
