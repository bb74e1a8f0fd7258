/** Environment variables as scripts read them (process.env's global type is augmented by the app). */
export type EnvVars = Readonly<Record<string, string | undefined>>;
