// The corrective commands the API sends to workflows (part of WorkflowCommands in temporal.ts):
// each Update carries the request's ID as its Update ID, and a refusal becomes a typed error.
import type { Client } from '@temporalio/client';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the corrective API
export interface CorrectiveCommands {}

export function correctiveCommands(_client: Client, _taskQueue: string): CorrectiveCommands {
  return {};
}
