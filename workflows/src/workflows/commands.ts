// What every lifecycle's commands share: refusal with a stable failure type, and Updates run
// one at a time, validated before they enter history and again when their turn comes.
import type { UpdateDefinition } from '@temporalio/common';
import {
  ApplicationFailure,
  condition,
  currentUpdateInfo,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';

/** Refuses a command: the caller sees `type` (stable, mapped by the API) and `message`. */
export const refuse = (type: string, message: string): never => {
  throw ApplicationFailure.nonRetryable(message, type);
};

/**
 * The event ID of the command being handled: `<workflowId>:update:<updateId>`.
 *
 * The workflow ID and a counter are not enough: a terminated workflow started again under the
 * same ID (npm start's take-over) or a reset counts commands from 1 again, and its commands would
 * find the old run's ledger rows and be dropped as "already-written". The Update's ID is unique
 * per command (the client draws a UUID, or the API passes the request's ID, so a retried request
 * is one command), kept in history (an activity retry, a replay and continue-as-new see the same
 * one), and kept when a reset re-applies the Updates that came after its reset point, so a
 * re-applied command finds its own row instead of writing a second one, while a command that
 * really is new gets a new ID. Deadline events keep IDs without it on purpose: those must not
 * repeat across a restart (one reminder per event).
 */
export function commandEventId(number: number): string {
  const { workflowId, runId } = workflowInfo();
  const update = currentUpdateInfo();
  // Every command is an Update; the run-qualified counter is only a fallback for code that is not.
  return update ? `${workflowId}:update:${update.id}` : `${workflowId}:${runId}:command:${number}`;
}

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
 * command never enters history) and again once the command holds the lock; `authorize`, when
 * given, checks the actor's role claims in the validator; `run` receives
 * the command's deterministic event ID (see commandEventId) and its number.
 */
export function registerCommand<S extends { commandCount: number }, Arg>(
  context: CommandContext<S>,
  update: UpdateDefinition<S, [Arg]>,
  validate: (arg: Arg) => void,
  run: (arg: Arg, eventId: string, number: number) => Promise<void>,
  authorize?: (arg: Arg) => void,
): void {
  const { state, lock } = context;
  setHandler(
    update,
    async (arg: Arg) => {
      // The SDK releases every waiting handler whose condition holds in one pass: the first to
      // run takes the lock, so the others look again and wait for their turn.
      do {
        await condition(() => context.ready() && !lock.busy);
      } while (lock.busy);
      lock.busy = true;
      try {
        validate(arg);
        const number = state.commandCount + 1;
        await run(arg, commandEventId(number), number);
        state.commandCount = number;
        return { ...state };
      } finally {
        lock.busy = false;
      }
    },
    {
      // `authorize` (the actor's role claims) runs in the validator only: an actor's authority does
      // not change while the command waits for its turn, and validators do not run on replay, so
      // histories recorded before commands carried claims replay as they were.
      validator: (arg: Arg) => {
        authorize?.(arg);
        validate(arg);
      },
    },
  );
}
