// The corrective commands the API sends to workflows (part of WorkflowCommands in temporal.ts):
// each Update carries the request's ID as its Update ID, and a refusal becomes a typed error.
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/common';
import {
  CorrectiveFailure,
  correctiveWorkflowId,
  decideCorrectiveExtensionUpdate,
  rejectCorrectionUpdate,
  requestCorrectiveExtensionUpdate,
  submitCorrectionUpdate,
  verifyCorrectionUpdate,
  type CorrectiveState,
  type DecideCorrectiveExtensionInput,
  type RejectCorrectionInput,
  type RequestCorrectiveExtensionInput,
  type SubmitCorrectionInput,
  type VerifyCorrectionInput,
} from '../../workflows/src/contracts.ts';
import { CommandRejectedError, invalidInput } from './errors.ts';
import { asDomainError } from './temporal.ts';

/** The stable reason a command gets when the action's workflow is no longer running. */
export const CORRECTIVE_NOT_RUNNING = 'CorrectiveNotRunning';

type Command<Arg> = (
  correctiveActionId: string,
  command: Arg,
  requestId?: string | null,
) => Promise<CorrectiveState>;

export interface CorrectiveCommands {
  submitCorrection: Command<SubmitCorrectionInput>;
  verifyCorrection: Command<VerifyCorrectionInput>;
  rejectCorrection: Command<RejectCorrectionInput>;
  requestCorrectiveExtension: Command<RequestCorrectiveExtensionInput>;
  decideCorrectiveExtension: Command<DecideCorrectiveExtensionInput>;
}

/** CorrectiveInvalidInput names the field first ("dueDate must be after today."). */
function invalidCorrectiveField(message: string) {
  const field = message.split(' ')[0] ?? '';
  if (field === 'dueDate' || field === 'reinspectOn') {
    return invalidInput(field, message.includes('after today') ? 'corrective.dateNotFuture' : 'input.date');
  }
  if (field === 'requestedDueDate') return invalidInput(field, 'input.date');
  if (field === 'remedy') return invalidInput('remedy', 'corrective.remedyRequired');
  return invalidInput('input', 'input.required');
}

/** Turns the corrective workflow's refusal into the typed error the schema returns. */
export function asCorrectiveError(error: unknown): unknown {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const { type, message } = error.cause;
    switch (type) {
      case CorrectiveFailure.WrongStatus:
        return new CommandRejectedError('corrective.wrongStatus', type, message);
      case CorrectiveFailure.InvalidInput:
        return invalidCorrectiveField(message);
      case CorrectiveFailure.WrongUnit:
        return new CommandRejectedError('corrective.wrongUnit', type, message);
      case CorrectiveFailure.NotAnInspector:
        return new CommandRejectedError('corrective.notAnInspector', type, message);
      case CorrectiveFailure.ExtensionNotLater:
        return invalidInput('requestedDueDate', 'corrective.extensionNotLater');
      case CorrectiveFailure.ExtensionPending:
        return new CommandRejectedError('corrective.extensionPending', type, message);
      case CorrectiveFailure.NoExtensionPending:
        return new CommandRejectedError('corrective.noExtensionPending', type, message);
      case CorrectiveFailure.ReasonRequired:
        return invalidInput('reason', 'input.reasonMissing');
    }
  }
  // A verified or cancelled action's workflow has finished: nothing takes the command.
  if (
    error instanceof WorkflowNotFoundError ||
    (error instanceof Error && error.name === 'WorkflowNotFoundError')
  ) {
    return new CommandRejectedError('corrective.notRunning', CORRECTIVE_NOT_RUNNING, error.message);
  }
  return asDomainError(error);
}

export function correctiveCommands(client: Client, _taskQueue: string): CorrectiveCommands {
  const update =
    <Arg>(definition: UpdateDefinition<CorrectiveState, [Arg]>): Command<Arg> =>
    async (correctiveActionId, command, requestId) => {
      try {
        return await client.workflow
          .getHandle(correctiveWorkflowId(correctiveActionId))
          .executeUpdate(definition, { args: [command], ...(requestId ? { updateId: requestId } : {}) });
      } catch (error) {
        throw asCorrectiveError(error);
      }
    };
  return {
    submitCorrection: update(submitCorrectionUpdate),
    verifyCorrection: update(verifyCorrectionUpdate),
    rejectCorrection: update(rejectCorrectionUpdate),
    requestCorrectiveExtension: update(requestCorrectiveExtensionUpdate),
    decideCorrectiveExtension: update(decideCorrectiveExtensionUpdate),
  };
}
