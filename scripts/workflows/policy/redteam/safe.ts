/**
 * Unusual but safe workflows the audit must pass: the four refused by policy v2 (issue 22) and a
 * few more of the same kind.
 */
import { DEPLOY, QUALITY, swap } from "./repo";

export interface SafeCase {
  readonly id: string;
  readonly yaml: string;
}

const JOB_IF = "    if: github.ref == 'refs/heads/main'\n";

export const SAFE: readonly SafeCase[] = [
  {
    id: "not-cancelled-and-needs-success",
    yaml: swap(
      DEPLOY,
      JOB_IF,
      "    if: ${{ !cancelled() && needs.quality.result == 'success' }}\n",
    ),
  },
  {
    id: "working-directory-dot-slash",
    yaml: swap(
      QUALITY,
      "      - run: npm run lint\n",
      "      - run: npm run lint\n        working-directory: ./\n",
    ),
  },
  {
    id: "github-token-without-environment",
    yaml: swap(
      QUALITY,
      "      - run: npm run lint\n",
      "      - run: npm run lint\n        env:\n          GH_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n",
    ),
  },
  {
    id: "cancel-in-progress-false-expression",
    yaml: swap(
      DEPLOY,
      "      cancel-in-progress: false\n",
      "      cancel-in-progress: ${{ false }}\n",
    ),
  },
  {
    id: "uppercase-success",
    yaml: swap(
      DEPLOY,
      JOB_IF,
      "    if: ${{ SUCCESS() && github.ref == 'refs/heads/main' }}\n",
    ),
  },
  {
    id: "always-and-needs-success",
    yaml: swap(
      DEPLOY,
      JOB_IF,
      "    if: always() && needs.quality.result == 'success'\n",
    ),
  },
  {
    id: "braces-in-string",
    yaml: swap(
      QUALITY,
      "      - run: npm run lint\n",
      "      - run: npm run lint\n        env:\n          LABEL: ${{ format('{{secrets}} {0}', github.sha) }}\n",
    ),
  },
];
