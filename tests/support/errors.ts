/** An error's message with those of its causes (drivers wrap the server's message). */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof Error) parts.push(current.message);
    else parts.push(String(current));
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join(" | ");
}

/** The text of the error that `work` fails with; fails itself when `work` succeeds. */
export async function failure(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    return errorText(error);
  }
  throw new Error("expected the statement to fail, but it succeeded");
}
