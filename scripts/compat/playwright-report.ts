/**
 * The failures in a Playwright JSON report (reporter "json"): which test, in which file, with the
 * first line of its error — what the verdict names. Colour codes are stripped: the line ends up in
 * a GitHub annotation.
 */
import { z } from "zod";

export interface FailedTest {
  readonly file: string;
  readonly title: string;
  readonly error: string;
}

export interface SuiteOutcome {
  readonly passed: number;
  readonly failed: readonly FailedTest[];
  /** Errors outside any test (a spec that does not load, global setup). */
  readonly errors: readonly string[];
}

const errorSchema = z.looseObject({ message: z.string().optional() });
const resultSchema = z.looseObject({
  status: z.string(),
  error: errorSchema.optional(),
  errors: z.array(errorSchema).optional(),
});
const specSchema = z.looseObject({
  title: z.string(),
  file: z.string().optional(),
  tests: z.array(
    z.looseObject({ status: z.string(), results: z.array(resultSchema) }),
  ),
});
interface Suite {
  title: string;
  file?: string | undefined;
  specs?: z.infer<typeof specSchema>[] | undefined;
  suites?: Suite[] | undefined;
}
const suiteSchema: z.ZodType<Suite> = z.lazy(() =>
  z.looseObject({
    title: z.string(),
    file: z.string().optional(),
    specs: z.array(specSchema).optional(),
    suites: z.array(suiteSchema).optional(),
  }),
);
const reportSchema = z.looseObject({
  suites: z.array(suiteSchema),
  errors: z.array(errorSchema).optional(),
});

// eslint-disable-next-line no-control-regex -- the ANSI escape is exactly what is stripped
const ansi = /\u001b\[[0-9;]*m/g;

export function firstLine(message: string | undefined): string {
  const line = (message ?? "")
    .replace(ansi, "")
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l !== "");
  return line ?? "(no error message)";
}

export function readSuiteOutcome(json: string): SuiteOutcome {
  const report = reportSchema.parse(JSON.parse(json));
  const failed: FailedTest[] = [];
  let passed = 0;
  // Top-level suites are files; nested ones are describe() blocks, whose titles prefix the test's.
  const visit = (suite: Suite, titles: readonly string[], file: string) => {
    const here = suite.file ?? file;
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests) {
        if (test.status === "expected" || test.status === "flaky") passed += 1;
        if (test.status !== "unexpected") continue;
        const result = test.results.at(-1);
        failed.push({
          file: spec.file ?? here,
          title: [...titles, spec.title].join(" › "),
          error: firstLine(
            result?.error?.message ?? result?.errors?.[0]?.message,
          ),
        });
      }
    for (const child of suite.suites ?? [])
      visit(child, [...titles, child.title], here);
  };
  for (const suite of report.suites)
    visit(suite, [], suite.file ?? suite.title);
  return {
    passed,
    failed,
    // maxFailures' own notice is not a failure of its own.
    errors: (report.errors ?? [])
      .map((e) => firstLine(e.message))
      .filter((line) => !/^Testing stopped early after/.test(line)),
  };
}
