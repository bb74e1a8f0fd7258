/** The pipeline owns the health contract; the app's route answers in its shape. */
export {
  healthResponseSchema,
  type HealthResponse,
} from "../../scripts/deploy/health/health-contract";
