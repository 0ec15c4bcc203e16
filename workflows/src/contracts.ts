// The contract between the API and the workflows: IDs, inputs, updates and queries, one file
// per lifecycle. Imported by both sides; keep it free of Node and database code.
export * from './contracts/common.ts';
export * from './contracts/task.ts';
export * from './contracts/plan.ts';
export * from './contracts/organisation.ts';
export * from './contracts/inspection.ts';
export * from './contracts/corrective.ts';
export * from './contracts/calendar.ts';
