// The inspection commands the API sends to workflows (part of WorkflowCommands in temporal.ts):
// each Update carries the request's ID as its Update ID, and a refusal becomes a typed error.
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/common';
import {
  CHECKLIST_RESULTS,
  InspectionFailure,
  cancelInspectionUpdate,
  closeInspectionUpdate,
  inspectionRecordedUpdate,
  inspectionWorkflowId,
  recordChecklistResultUpdate,
  recordFindingUpdate,
  scheduleInspectionUpdate,
  startInspectionUpdate,
  type CancelInspectionInput,
  type ChecklistItemValue,
  type CloseInspectionInput,
  type InspectionState,
  type PlanInspectionInput,
  type RecordChecklistResultInput,
  type RecordFindingInput,
  type ScheduleInspectionInput,
  type StartInspectionInput,
} from '../../workflows/src/contracts.ts';
import { ChecklistItemChangedError } from './checklist-conflict.ts';
import { CommandRejectedError, invalidInput } from './errors.ts';
import { asDomainError } from './temporal.ts';

type InspectionUpdate<Arg> = (
  inspectionId: string,
  command: Arg,
  requestId?: string | null,
) => Promise<InspectionState>;

export interface InspectionCommands {
  /**
   * Starts `inspection-<id>` (a repeated request finds it running) and waits until its row is
   * written.
   */
  planInspection(input: PlanInspectionInput): Promise<InspectionState>;
  scheduleInspection: InspectionUpdate<ScheduleInspectionInput>;
  startInspection: InspectionUpdate<StartInspectionInput>;
  recordChecklistResult: InspectionUpdate<RecordChecklistResultInput>;
  recordFinding: InspectionUpdate<RecordFindingInput>;
  closeInspection: InspectionUpdate<CloseInspectionInput>;
  cancelInspection: InspectionUpdate<CancelInspectionInput>;
}

/**
 * The inspection workflow's InspectionInvalidInput says what is wrong in words; the API checks
 * the same before sending, so this is the fallback that still names the field.
 */
function invalidInspectionField(message: string) {
  if (message.includes('no working day')) return invalidInput('windowEnd', 'input.windowNoWorkingDay');
  if (message.includes('not a working day')) return invalidInput('date', 'input.notWorkingDay');
  if (message.includes('inside the window')) return invalidInput('date', 'input.dayOutsideWindow');
  if (message.includes('in the future')) return invalidInput('date', 'input.dayInPast');
  if (message.startsWith('date ')) return invalidInput('date', 'input.date');
  if (message.startsWith('checklistItemId')) return invalidInput('checklistItemId', 'input.checklistItem');
  if (message.startsWith('An INFO finding')) {
    return invalidInput('requiresCorrection', 'input.observationNoCorrection');
  }
  const [field = ''] = message.split(' ');
  const known = ['result', 'severity', 'description', 'requiresCorrection', 'title', 'scheduledOn'];
  return invalidInput(known.includes(field) ? field : 'input', 'input.required');
}

/** The item's value a ChecklistItemChanged refusal carries (its first detail). */
function currentValue(detail: unknown): ChecklistItemValue {
  const value = (detail ?? {}) as Partial<ChecklistItemValue>;
  const result = CHECKLIST_RESULTS.find((each) => each === value.result) ?? null;
  return { result, note: typeof value.note === 'string' ? value.note : null };
}

/** Turns an inspection workflow's refusal into the typed error the schema returns. */
export function asInspectionError(error: unknown): unknown {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const { type, message } = error.cause;
    switch (type) {
      case InspectionFailure.WrongStatus:
        return new CommandRejectedError('inspection.wrongStatus', type, message);
      case InspectionFailure.NotAnInspector:
        return new CommandRejectedError('inspection.notAnInspector', type, message);
      case InspectionFailure.ReasonRequired:
        return invalidInput('reason', 'input.reasonMissing');
      case InspectionFailure.InvalidInput:
        return invalidInspectionField(message);
      case InspectionFailure.ChecklistItemChanged:
        return new ChecklistItemChangedError(currentValue(error.cause.details?.[0]));
    }
  }
  // A closed or cancelled inspection's workflow has finished: it takes no more commands.
  if (
    error instanceof WorkflowNotFoundError ||
    (error instanceof Error && error.name === 'WorkflowNotFoundError')
  ) {
    return new CommandRejectedError('inspection.wrongStatus', InspectionFailure.WrongStatus, error.message);
  }
  return asDomainError(error);
}

export function inspectionCommands(client: Client, taskQueue: string): InspectionCommands {
  const update =
    <Arg>(definition: UpdateDefinition<InspectionState, [Arg]>): InspectionUpdate<Arg> =>
    async (inspectionId, command, requestId) => {
      try {
        return await client.workflow.getHandle(inspectionWorkflowId(inspectionId)).executeUpdate(definition, {
          args: [command],
          // Temporal answers a repeated Update ID with the first result: one command per request.
          ...(requestId ? { updateId: requestId } : {}),
        });
      } catch (error) {
        throw asInspectionError(error);
      }
    };
  return {
    async planInspection(input) {
      try {
        const handle = await client.workflow.start('inspectionWorkflow', {
          taskQueue,
          workflowId: inspectionWorkflowId(input.inspectionId),
          args: [input],
          // The request's ID is the inspection's: a repeated request finds it running.
          workflowIdConflictPolicy: 'USE_EXISTING',
        });
        return await handle.executeUpdate(inspectionRecordedUpdate);
      } catch (error) {
        throw asInspectionError(error);
      }
    },
    scheduleInspection: update(scheduleInspectionUpdate),
    startInspection: update(startInspectionUpdate),
    recordChecklistResult: update(recordChecklistResultUpdate),
    recordFinding: update(recordFindingUpdate),
    closeInspection: update(closeInspectionUpdate),
    cancelInspection: update(cancelInspectionUpdate),
  };
}
