// What every lifecycle's commands share: refusal with a stable failure type, and Updates run
// one at a time, validated before they enter history and again when their turn comes.
import type { UpdateDefinition } from '@temporalio/common';
import { ApplicationFailure, condition, setHandler, workflowInfo } from '@temporalio/workflow';

/** Refuses a command: the caller sees `type` (stable, mapped by the API) and `message`. */
export const refuse = (type: string, message: string): never => {
  throw ApplicationFailure.nonRetryable(message, type);
};

/** Held while a command or a deadline event changes the state, so each sees the last one's result. */
export interface Lock {
  busy: boolean;
}

export interface CommandContext<S extends { commandCount: number }> {
  state: S;
  lock: Lock;
  /** Commands wait until this is true (the entity's row is written). */
  ready: () => boolean;
}

/**
 * Registers `update` as a command: `validate` runs as the Update's validator (a refused
 * command never enters history) and again once the command holds the lock; `run` receives
 * the command's deterministic event ID (`<workflowId>:command:<n>`) and its number.
 */
export function registerCommand<S extends { commandCount: number }, Arg>(
  context: CommandContext<S>,
  update: UpdateDefinition<S, [Arg]>,
  validate: (arg: Arg) => void,
  run: (arg: Arg, eventId: string, number: number) => Promise<void>,
): void {
  const { state, lock } = context;
  setHandler(
    update,
    async (arg: Arg) => {
      await condition(() => context.ready() && !lock.busy);
      lock.busy = true;
      try {
        validate(arg);
        const number = state.commandCount + 1;
        await run(arg, `${workflowInfo().workflowId}:command:${number}`, number);
        state.commandCount = number;
        return { ...state };
      } finally {
        lock.busy = false;
      }
    },
    { validator: (arg: Arg) => validate(arg) },
  );
}
