/** A problem the person running the command can fix; printed as one sentence, exit code 1. */
export class StartupError extends Error {
  override name = 'StartupError';
}

export function exitWith(error: unknown): never {
  if (error instanceof StartupError) {
    console.error(`\n✖ ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
}
