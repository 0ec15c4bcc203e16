// Shared by every lifecycle: the task queue and the shape of a refused command.
export const TASK_QUEUE = 'reform-tracker';
