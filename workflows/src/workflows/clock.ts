// Workflow time: inside the sandbox, Date is the replay-safe time of the current workflow task.
export const now = (): number => new Date().getTime();
