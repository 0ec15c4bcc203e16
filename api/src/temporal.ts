import { Client, Connection, WorkflowUpdateFailedError, isGrpcServiceError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import {
  ActorFailure,
  PlanFailure,
  TASK_QUEUE,
  TaskFailure,
  issuePlanUpdate,
  planWorkflowId,
  type PlanState,
  reportProgressUpdate,
  taskRecordedUpdate,
  taskWorkflowId,
  type ActorClaim,
  type AssignTaskInput,
  type IssuePlanInput,
  type ReportProgressInput,
  type TaskState,
} from '../../workflows/src/contracts.ts';
import type { TemporalSettings } from '../../workflows/src/connection.ts';
import type { Viewer } from './auth.ts';
import { CommandRejectedError, ServiceUnavailableError, invalidInput } from './errors.ts';

/**
 * The viewer's role assignments as the claims a command carries: the workflow's validators
 * refuse a command these do not allow (its activity checks the database again).
 */
export const actorClaims = (viewer: Viewer): ActorClaim[] =>
  viewer.roles.map(({ role, unitId, unitPath }) => ({ role, unitId, unitPath }));

/** Commands the API sends to workflows. */
export interface WorkflowCommands {
  assignTask(input: AssignTaskInput): Promise<TaskState>;
  reportProgress(taskId: string, command: ReportProgressInput): Promise<TaskState>;
  /** Starts the plan's workflow if need be and issues the plan, which fans out its tasks. */
  issuePlan(planId: string, actor: IssuePlanInput): Promise<PlanState>;
}

/** Turns a workflow's refusal into the typed error the schema returns. */
function asDomainError(error: unknown): unknown {
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
        return invalidInput('percent', 'input.percent');
      case TaskFailure.ProgressBackwards:
        return invalidInput('reason', 'input.reasonRequired');
      case TaskFailure.WrongStatus:
        return new CommandRejectedError('task.wrongStatus', error.cause.type, error.cause.message);
      case TaskFailure.WrongUnit:
        return new CommandRejectedError('task.wrongUnit', error.cause.type, error.cause.message);
      case PlanFailure.WrongStatus:
        return new CommandRejectedError('plan.wrongStatus', error.cause.type, error.cause.message);
      case PlanFailure.NoTasks:
        return new CommandRejectedError('plan.noTasks', error.cause.type, error.cause.message);
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
  return {
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
    async issuePlan(planId, actor) {
      try {
        const handle = await client.workflow.start('planWorkflow', {
          taskQueue,
          workflowId: planWorkflowId(planId),
          args: [{ planId }],
          workflowIdConflictPolicy: 'USE_EXISTING',
        });
        return await handle.executeUpdate(issuePlanUpdate, { args: [actor] });
      } catch (error) {
        throw asDomainError(error);
      }
    },
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
