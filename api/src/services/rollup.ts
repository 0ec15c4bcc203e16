// The roll-up rule (DESIGN.md "Roll-ups"), written once: plan completion and each unit's
// progress are computed here. Tests: tests/api/rollup.test.ts.

/** Task statuses that leave a roll-up: neither numerator nor denominator. */
export const NOT_COUNTED_STATUSES: ReadonlySet<string> = new Set(['CANCELLED']);

/**
 * One task, or tasks of one status summed: their total weight and the sum of progress × weight.
 * A task's missing weight counts as 1 (see `taskPart`).
 */
export interface ProgressPart {
  status: string;
  weight: number;
  weightedProgress: number;
}

/** A single task as a part; a missing (or non-positive) weight counts as 1, never as a crash. */
export function taskPart(task: { status: string; progress: number; weight?: number | null }): ProgressPart {
  const weight = task.weight != null && task.weight > 0 ? task.weight : 1;
  return { status: task.status, weight, weightedProgress: task.progress * weight };
}

/**
 * The weighted mean of task progress by task weight, 0–100 with one decimal; cancelled tasks
 * are left out of both sums. No task left to count → null ("no data"), not 0.
 */
export function rollUp(parts: Iterable<ProgressPart>): number | null {
  let weight = 0;
  let weighted = 0;
  for (const part of parts) {
    if (NOT_COUNTED_STATUSES.has(part.status)) continue;
    weight += part.weight;
    weighted += part.weightedProgress;
  }
  if (weight <= 0) return null;
  return Math.round((weighted / weight) * 10) / 10;
}
