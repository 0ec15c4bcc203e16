// Entry point of the workflow bundle: every workflow type the worker registers.
export { taskWorkflow } from './task.ts';
export { planWorkflow } from './plan.ts';
export { unitMergerWorkflow } from './organisation.ts';
export { inspectionWorkflow } from './inspection.ts';
export { correctiveWorkflow } from './corrective.ts';
export { calendarChangeWorkflow } from './calendar.ts';
