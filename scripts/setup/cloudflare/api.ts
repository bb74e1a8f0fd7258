/** Setup's read-only Cloudflare calls use the deploy client's one API reader (deploy/cloudflare/api.ts). */
export {
  createCloudflareGet,
  DEFAULT_CLOUDFLARE_API,
  type CloudflareAnswer,
  type CloudflareGet,
} from "../../deploy/cloudflare/api";
