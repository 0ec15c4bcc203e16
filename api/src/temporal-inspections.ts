// The inspection commands the API sends to workflows (part of WorkflowCommands in temporal.ts):
// each Update carries the request's ID as its Update ID, and a refusal becomes a typed error.
import type { Client } from '@temporalio/client';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the inspection API
export interface InspectionCommands {}

export function inspectionCommands(_client: Client, _taskQueue: string): InspectionCommands {
  return {};
}
