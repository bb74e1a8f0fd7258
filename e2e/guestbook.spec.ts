import { expect, test } from "./support/test";

test("the guestbook page renders with its form", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle("Guestbook");
  await expect(
    page.getByRole("heading", { level: 1, name: "Guestbook" }),
  ).toBeVisible();
  await expect(page.getByLabel("Name")).toBeVisible();
  await expect(page.getByLabel("Message")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign" })).toBeEnabled();
});

test("a note signed through the form is stored in D1 and listed after reload", async ({
  page,
}) => {
  const message = `hello from e2e ${Date.now()}`;
  await page.goto("/");
  await page.getByLabel("Name").fill("  Playwright  ");
  await page.getByLabel("Message").fill(message);
  await page.getByRole("button", { name: "Sign" }).click();

  await page.waitForURL("/");
  await page.reload();
  const note = page
    .getByRole("list", { name: "Notes" })
    .getByRole("listitem")
    .filter({ hasText: message });
  await expect(note).toHaveCount(1);
  // Trimmed by validation before it was stored.
  await expect(note.locator("strong")).toHaveText("Playwright");

  const api = await page.request.get("/api/notes");
  expect(api.status()).toBe(200);
  const { notes } = (await api.json()) as {
    notes: Array<{ author: string; message: string }>;
  };
  expect(notes).toContainEqual(
    expect.objectContaining({ author: "Playwright", message }),
  );
});

test("bad input is refused with 400 naming the field, and nothing is stored", async ({
  request,
}) => {
  const before = (await (await request.get("/api/notes")).json()) as {
    notes: unknown[];
  };

  const missing = await request.post("/api/notes", {
    data: { author: "Mallory" },
  });
  expect(missing.status()).toBe(400);
  expect(await missing.json()).toEqual({
    error: { field: "message", message: "message: is required" },
  });

  const tooLong = await request.post("/api/notes", {
    form: { author: "x".repeat(41), message: "hi" },
  });
  expect(tooLong.status()).toBe(400);
  expect(await tooLong.json()).toMatchObject({ error: { field: "author" } });

  const notJson = await request.post("/api/notes", {
    headers: { "content-type": "application/json" },
    data: "{not json",
  });
  expect(notJson.status()).toBe(400);
  expect(await notJson.json()).toMatchObject({ error: { field: "body" } });

  const after = (await (await request.get("/api/notes")).json()) as {
    notes: unknown[];
  };
  expect(after.notes).toHaveLength(before.notes.length);
});
