/** Bad input to the gate (not a finding): printed as one line, exit code 2. */
export class InputError extends Error {
  override readonly name = "InputError";
}
