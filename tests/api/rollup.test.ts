// The roll-up rule of DESIGN.md "Roll-ups", next to its one implementation (api/src/services/rollup.ts).
import { describe, expect, it } from 'vitest';
import { rollUp, taskPart } from '../../api/src/services/rollup.ts';

const task = (progress: number, weight: number | null = 1, status = 'IN_PROGRESS') =>
  taskPart({ status, progress, weight });

describe('roll-up of task progress', () => {
  it('is the weighted mean by task weight', () => {
    // (100 × 3 + 0 × 1) / 4
    expect(rollUp([task(100, 3), task(0, 1)])).toBe(75);
    expect(rollUp([task(10), task(30), task(90)])).toBe(43.3);
  });

  it('leaves cancelled tasks out of numerator and denominator', () => {
    expect(rollUp([task(50), task(0, 5, 'CANCELLED')])).toBe(50);
  });

  it('counts a missing weight as 1', () => {
    expect(rollUp([task(100, null), task(0, 1)])).toBe(50);
    expect(rollUp([task(100, 0), task(0, 1)])).toBe(50);
  });

  it('has no data (null, not 0) without tasks or when every task is cancelled', () => {
    expect(rollUp([])).toBeNull();
    expect(rollUp([task(80, 2, 'CANCELLED'), task(20, 1, 'CANCELLED')])).toBeNull();
  });

  it('gives the same answer for tasks summed by status as for the tasks one by one', () => {
    const tasks = [task(20, 2), task(60, 1), task(100, 3, 'COMPLETED')];
    const summed = [
      { status: 'IN_PROGRESS', weight: 3, weightedProgress: 20 * 2 + 60 },
      { status: 'COMPLETED', weight: 3, weightedProgress: 300 },
    ];
    expect(rollUp(summed)).toBe(rollUp(tasks));
  });
});
