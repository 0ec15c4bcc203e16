import { Client, Connection, WorkflowUpdateFailedError, isGrpcServiceError } from '@temporalio/client';
import {
  ActivityFailure,
  ApplicationFailure,
  WorkflowNotFoundError,
  type UpdateDefinition,
} from '@temporalio/common';
import {
  ActorFailure,
  PlanFailure,
  TASK_QUEUE,
  TaskFailure,
  acceptTaskUpdate,
  advancePhaseUpdate,
  bulkAssignUpdate,
  cancelTaskUpdate,
  schedulePhasesUpdate,
  decideExtensionUpdate,
  issuePlanUpdate,
  planWorkflowId,
  reassignTaskUpdate,
  requestExtensionUpdate,
  reviewTaskUpdate,
  submitTaskUpdate,
  type PlanState,
  reportProgressUpdate,
  taskRecordedUpdate,
  taskWorkflowId,
  type ActorClaim,
  type AcceptTaskInput,
  type AdvancePhaseInput,
  type BulkAssignInput,
  type BulkAssignResult,
  type SchedulePhasesInput,
  type AssignTaskInput,
  type CancelTaskInput,
  type DecideExtensionInput,
  type IssuePlanInput,
  type ReassignTaskInput,
  type RequestExtensionInput,
  type ReviewTaskInput,
  type SubmitTaskInput,
  type ReportProgressInput,
  type TaskState,
} from '../../workflows/src/contracts.ts';
import type { TemporalSettings } from '../../workflows/src/connection.ts';
import type { Viewer } from './auth.ts';
import { adminCommands, type AdminCommands } from './temporal-admin.ts';
import { calendarCommands, type CalendarCommands } from './temporal-calendar.ts';
import { correctiveCommands, type CorrectiveCommands } from './temporal-corrective.ts';
import { inspectionCommands, type InspectionCommands } from './temporal-inspections.ts';
import { CommandRejectedError, ServiceUnavailableError, invalidInput } from './errors.ts';

/**
 * The viewer's role assignments as the claims a command carries: the workflow's validators
 * refuse a command these do not allow (its activity checks the database again).
 */
export const actorClaims = (viewer: Viewer): ActorClaim[] =>
  viewer.roles.map(({ role, unitId, unitPath }) => ({ role, unitId, unitPath }));

/** Commands the API sends to workflows. */
export interface WorkflowCommands
  extends InspectionCommands, CorrectiveCommands, AdminCommands, CalendarCommands {
  assignTask(input: AssignTaskInput): Promise<TaskState>;
  reportProgress(taskId: string, command: ReportProgressInput): Promise<TaskState>;
  /**
   * The task's other commands; `requestId`, when given, is the Update's ID, so a retried request
   * is one command (Temporal answers the repeat with the first result).
   */
  acceptTask(taskId: string, command: AcceptTaskInput, requestId?: string | null): Promise<TaskState>;
  submitTask(taskId: string, command: SubmitTaskInput, requestId?: string | null): Promise<TaskState>;
  reviewTask(taskId: string, command: ReviewTaskInput, requestId?: string | null): Promise<TaskState>;
  requestExtension(
    taskId: string,
    command: RequestExtensionInput,
    requestId?: string | null,
  ): Promise<TaskState>;
  decideExtension(
    taskId: string,
    command: DecideExtensionInput,
    requestId?: string | null,
  ): Promise<TaskState>;
  reassignTask(taskId: string, command: ReassignTaskInput, requestId?: string | null): Promise<TaskState>;
  cancelTask(taskId: string, command: CancelTaskInput, requestId?: string | null): Promise<TaskState>;
  /** Starts the plan's workflow if need be and issues the plan, which fans out its tasks. */
  issuePlan(planId: string, actor: IssuePlanInput): Promise<PlanState>;
  /**
   * The plan's other commands, through the same start-if-need-be route (a DRAFT plan may have no
   * workflow yet); bulkAssign's requestId is the Update's ID, so a retried request is one command.
   */
  bulkAssign(planId: string, command: BulkAssignInput): Promise<BulkAssignResult>;
  schedulePhases(planId: string, command: SchedulePhasesInput): Promise<PlanState>;
  advancePhase(planId: string, command: AdvancePhaseInput): Promise<PlanState>;
}

/**
 * The plan workflow's PlanBadSchedule names the date first ("publishedOn must come after …"); the
 * API checks the same before, so this is the fallback.
 */
function badSchedule(message: string) {
  const [field = 'schedule'] = message.split(' ');
  const known = ['assessmentOpens', 'appraisalOpens', 'publishedOn', 'closesOn'].includes(field);
  const key = message.includes('already begun')
    ? 'input.phaseBegun'
    : message.includes('past')
      ? 'input.scheduleInPast'
      : message.includes('come after')
        ? 'input.scheduleOrder'
        : 'input.date';
  return invalidInput(known ? field : 'schedule', key);
}

/** The plan workflow's PlanInvalidInput of a bulk assignment names the field first too. */
function invalidPlanField(message: string) {
  const [field = ''] = message.split(' ');
  if (field === 'dueDate') {
    return invalidInput(
      'dueDate',
      message.includes('past') ? 'input.dateInPast' : 'input.dueDateOutsidePlan',
    );
  }
  if (field === 'requestId') return invalidInput('requestId', 'input.requestId');
  return invalidInput(field === 'title' ? 'title' : 'input', 'input.required');
}

/**
 * The task workflow's TaskInvalidInput names the field first ("percent must be …", "note is
 * required."); the API's own validation refuses these before, so this is the fallback.
 */
function invalidTaskField(message: string) {
  const field = message.split(' ')[0] ?? '';
  if (field === 'percent') return invalidInput('percent', 'input.percent');
  if (field === 'requestedDueDate') return invalidInput('newDueDate', 'input.date');
  if (field === 'outcome') return invalidInput('decision', 'input.required');
  return invalidInput(field === 'note' || field === 'responsibleUserId' ? field : 'input', 'input.required');
}

/** Turns a workflow's refusal into the typed error the schema returns. */
export function asDomainError(error: unknown): unknown {
  // A refusal by the database inside the write activity comes wrapped in an ActivityFailure.
  if (
    error instanceof WorkflowUpdateFailedError &&
    error.cause instanceof ActivityFailure &&
    error.cause.cause instanceof ApplicationFailure &&
    error.cause.cause.type === ActorFailure.NotAllowed
  ) {
    return new CommandRejectedError('auth.forbidden', ActorFailure.NotAllowed, error.cause.cause.message);
  }
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    switch (error.cause.type) {
      case ActorFailure.NotAllowed:
        return new CommandRejectedError('auth.forbidden', error.cause.type, error.cause.message);
      case TaskFailure.InvalidInput:
        return invalidTaskField(error.cause.message);
      case TaskFailure.ProgressBackwards:
        return invalidInput('reason', 'input.reasonRequired');
      case TaskFailure.ReasonRequired:
        return invalidInput('reason', 'input.reasonMissing');
      case TaskFailure.ExtensionNotLater:
        return invalidInput('newDueDate', 'input.extensionNotLater');
      case TaskFailure.ExtensionPending:
        return new CommandRejectedError('task.extensionPending', error.cause.type, error.cause.message);
      case TaskFailure.NoExtensionPending:
        return new CommandRejectedError('task.noExtensionPending', error.cause.type, error.cause.message);
      case TaskFailure.NotRunning:
        return new CommandRejectedError('task.notRunning', error.cause.type, error.cause.message);
      case TaskFailure.DuplicateRequest:
        return invalidInput('requestId', 'input.requestIdInUse');
      case TaskFailure.WrongStatus:
        return new CommandRejectedError('task.wrongStatus', error.cause.type, error.cause.message);
      case TaskFailure.WrongUnit:
        return new CommandRejectedError('task.wrongUnit', error.cause.type, error.cause.message);
      case PlanFailure.WrongStatus:
        return new CommandRejectedError('plan.wrongStatus', error.cause.type, error.cause.message);
      case PlanFailure.NoTasks:
        return new CommandRejectedError('plan.noTasks', error.cause.type, error.cause.message);
      case PlanFailure.NoUnits:
        return invalidInput('level', 'input.noUnitsOfLevel');
      case PlanFailure.BadSchedule:
        return badSchedule(error.cause.message);
      case PlanFailure.InvalidInput:
        return invalidPlanField(error.cause.message);
    }
  }
  // The task's workflow has finished (a completed demo task) or was never started: nothing can
  // take the command. Checked by name as well: the class may come from another module instance.
  if (
    error instanceof WorkflowNotFoundError ||
    (error instanceof Error && error.name === 'WorkflowNotFoundError')
  ) {
    return new CommandRejectedError('task.notRunning', TaskFailure.NotRunning, error.message);
  }
  if (isGrpcServiceError(error) || (error instanceof Error && error.name === 'ServiceError')) {
    return new ServiceUnavailableError('unavailable.workflow');
  }
  return error;
}

export function temporalCommands(client: Client, taskQueue = TASK_QUEUE): WorkflowCommands {
  const taskUpdate =
    <Arg>(update: UpdateDefinition<TaskState, [Arg]>) =>
    async (taskId: string, command: Arg, requestId?: string | null): Promise<TaskState> => {
      try {
        return await client.workflow.getHandle(taskWorkflowId(taskId)).executeUpdate(update, {
          args: [command],
          ...(requestId ? { updateId: requestId } : {}),
        });
      } catch (error) {
        throw asDomainError(error);
      }
    };
  /** Starts the plan's workflow if need be (a DRAFT plan may have none yet), then sends the Update. */
  const planUpdate = async <Result, Arg>(
    planId: string,
    update: UpdateDefinition<Result, [Arg]>,
    command: Arg,
    updateId?: string,
  ): Promise<Result> => {
    try {
      const handle = await client.workflow.start('planWorkflow', {
        taskQueue,
        workflowId: planWorkflowId(planId),
        args: [{ planId }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
      return await handle.executeUpdate(update, { args: [command], ...(updateId ? { updateId } : {}) });
    } catch (error) {
      throw asDomainError(error);
    }
  };
  return {
    ...inspectionCommands(client, taskQueue),
    ...correctiveCommands(client, taskQueue),
    ...adminCommands(client, taskQueue),
    ...calendarCommands(client, taskQueue),
    acceptTask: taskUpdate(acceptTaskUpdate),
    submitTask: taskUpdate(submitTaskUpdate),
    reviewTask: taskUpdate(reviewTaskUpdate),
    requestExtension: taskUpdate(requestExtensionUpdate),
    decideExtension: taskUpdate(decideExtensionUpdate),
    reassignTask: taskUpdate(reassignTaskUpdate),
    cancelTask: taskUpdate(cancelTaskUpdate),
    async assignTask(input) {
      try {
        const handle = await client.workflow.start('taskWorkflow', {
          taskQueue,
          workflowId: taskWorkflowId(input.taskId),
          args: [input],
          // A repeated request (double click, retry) finds the workflow already running.
          workflowIdConflictPolicy: 'USE_EXISTING',
        });
        return await handle.executeUpdate(taskRecordedUpdate);
      } catch (error) {
        throw asDomainError(error);
      }
    },
    issuePlan: (planId, actor) => planUpdate(planId, issuePlanUpdate, actor),
    bulkAssign: (planId, command) => planUpdate(planId, bulkAssignUpdate, command, command.requestId),
    schedulePhases: (planId, command) => planUpdate(planId, schedulePhasesUpdate, command),
    advancePhase: (planId, command) => planUpdate(planId, advancePhaseUpdate, command),
    async reportProgress(taskId, command) {
      try {
        // The request's ID is the Update's ID: Temporal answers a repeated one with the first
        // result, and the workflow derives the report's event ID from it (one row, one audit event).
        return await client.workflow.getHandle(taskWorkflowId(taskId)).executeUpdate(reportProgressUpdate, {
          args: [command],
          ...(command.requestId ? { updateId: command.requestId } : {}),
        });
      } catch (error) {
        throw asDomainError(error);
      }
    },
  };
}

/** A Temporal client that connects on first use, so the API starts before Temporal answers. */
export function lazyTemporalClient(settings: TemporalSettings): Client {
  const connection = Connection.lazy({
    address: settings.address,
    ...(settings.tls !== undefined ? { tls: settings.tls } : {}),
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
  });
  return new Client({ connection, namespace: settings.namespace });
}
