/** Prints how many red-team attacks the audit catches and how many safe workflows it refuses. */
import { CASES } from "./cases";
import { judge } from "./judge";
import { SAFE } from "./safe";

let caught = 0;
for (const c of CASES) {
  const attack = judge(c.attack);
  const fixed = judge(c.fixed);
  if (attack.length > 0) caught += 1;
  const verdict = attack.length > 0 ? "caught" : "MISSED";
  console.log(
    `${verdict.padEnd(6)} ${c.cls.padEnd(16)} ${c.id}${fixed.length ? `   (fixed twin refused: ${fixed[0]})` : ""}`,
  );
}
let refused = 0;
for (const s of SAFE) {
  const found = judge({ yaml: s.yaml });
  if (found.length > 0) {
    refused += 1;
    console.log(`REFUSED safe ${s.id}: ${found[0]}`);
  }
}
console.log(
  `attacks caught: ${caught}/${CASES.length}; safe refused: ${refused}/${SAFE.length}`,
);
