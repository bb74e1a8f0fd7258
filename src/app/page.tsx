import { getCloudflareContext } from "@opennextjs/cloudflare";
import { loadGuestbook } from "@/notes/load-guestbook";
import { Guestbook } from "./guestbook";

// Reads D1 on every request; there is nothing to prerender.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const { env } = await getCloudflareContext({ async: true });
  return <Guestbook state={await loadGuestbook(env.DB, env.APP_ENV)} />;
}
