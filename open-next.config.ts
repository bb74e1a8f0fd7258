import { defineCloudflareConfig } from "@opennextjs/cloudflare";

// Every page reads D1 per request (force-dynamic), so there is nothing worth an
// incremental cache; the default in-memory override avoids needing an R2 bucket.
export default defineCloudflareConfig({});
