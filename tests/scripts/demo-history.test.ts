// The demo's past years (prisma/demo-history.ts) on a real PostgreSQL: Trực Ninh's 2025 plan
// with a snapshot per unit × area × quarter whose last one is what the roll-up computes from the
// final tasks, late communes, the closed 2025 inspection of Trực Đại, and Nghệ An's 2024 plan
// rolled up by department and by district. No workflow is needed: history is rows only, and
// nothing of it gets a workflow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollUp, taskPart } from '../../api/src/services/rollup.ts';
import { finalTask, quarters, snapshotRows } from '../../prisma/demo-history.ts';
import { ngheAn2024, ngheAn2024PlanId } from '../../prisma/demo-nghean-2024.ts';
import {
  trucDai2025InspectionId,
  trucNinh2025,
  trucNinh2025PlanId,
} from '../../prisma/demo-trucninh-2025.ts';
import { seedDemoData, seedDemoHistory } from '../../prisma/seed.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await expect(seedDemoData(db.url)).resolves.toEqual({ seeded: true });
}, 120_000);

afterAll(async () => {
  await db?.drop();
});

/** Tasks of a plan with their unit's code and path. */
async function planTasks(planId: string) {
  return db.prisma.task.findMany({
    where: { planId },
    include: { assigneeUnit: { select: { code: true, path: true } } },
  });
}

/** The roll-up of the plan's tasks over a unit's subtree (the rule of api/src/services/rollup.ts). */
async function rollUpUnder(planId: string, code: string): Promise<number | null> {
  const unit = await db.prisma.unit.findUniqueOrThrow({ where: { code } });
  const tasks = await planTasks(planId);
  return rollUp(tasks.filter((task) => task.assigneeUnit.path.startsWith(unit.path)).map(taskPart));
}

describe("Trực Ninh's 2025 plan", () => {
  it('is CLOSED, its four quarters closed, and nothing of it has a workflow', async () => {
    const plan = await db.prisma.reformPlan.findUniqueOrThrow({
      where: { id: trucNinh2025PlanId },
      include: { periods: { orderBy: { number: 'asc' } }, tasks: true },
    });
    expect(plan.status).toBe('CLOSED');
    expect(plan.periods.map((period) => period.number)).toEqual([1, 2, 3, 4]);
    expect(plan.periods.every((period) => period.closedAt !== null)).toBe(true);
    expect(plan.tasks).toHaveLength(17);
    expect(plan.tasks.every((task) => task.workflowStartedAt === null)).toBe(true);
    expect(new Set(plan.tasks.map((task) => task.status))).toEqual(
      new Set(['COMPLETED', 'NOT_COMPLETED', 'CANCELLED']),
    );
  });

  it('has one snapshot per unit × area × quarter: 17 in the first (before a cancellation), then 16', async () => {
    const periods = await db.prisma.reportingPeriod.findMany({
      where: { planId: trucNinh2025PlanId },
      include: { _count: { select: { snapshots: true } } },
      orderBy: { number: 'asc' },
    });
    expect(periods.map((period) => period._count.snapshots)).toEqual([17, 16, 16, 16]);
    expect(snapshotRows(trucNinh2025)).toHaveLength(17 + 16 * 3);
  });

  it('its last snapshot is what the roll-up computes from the final tasks, row by row', async () => {
    const tasks = await planTasks(trucNinh2025PlanId);
    const last = await db.prisma.completionSnapshot.findMany({
      where: { planId: trucNinh2025PlanId, period: { number: 4 } },
      include: { unit: { select: { code: true } } },
    });
    expect(last).toHaveLength(16);
    for (const row of last) {
      const group = tasks.filter(
        (task) =>
          task.assigneeUnitId === row.unitId && task.areaId === row.areaId && task.status !== 'CANCELLED',
      );
      expect({ unit: row.unit.code, progress: Math.round(Number(row.progress) * 10) / 10 }).toEqual({
        unit: row.unit.code,
        progress: rollUp(group.map(taskPart)),
      });
      expect(row.taskCount).toBe(group.length);
      expect(row.weight).toBe(group.reduce((sum, task) => sum + task.weight, 0));
      expect(row.completed).toBe(group.filter((task) => task.status === 'COMPLETED').length);
    }
    // The plan as a whole: 1 845 weighted points over 21 (the cancelled task left out).
    expect(await rollUpUnder(trucNinh2025PlanId, 'ND-TN')).toBe(87.9);
  });

  it('the trend rises quarter by quarter, and the late communes are Trực Đại, Trực Hùng and Trực Thái', async () => {
    const rows = await db.prisma.completionSnapshot.findMany({
      where: { planId: trucNinh2025PlanId },
      include: { period: { select: { number: true } }, unit: { select: { code: true } } },
    });
    const byPeriod = [1, 2, 3, 4].map((number) => {
      const period = rows.filter((row) => row.period.number === number);
      return {
        completed: period.reduce((sum, row) => sum + row.completed, 0),
        overdue: period.reduce((sum, row) => sum + row.overdue, 0),
      };
    });
    // The plan's trend as the dashboard rolls snapshots up: progress weighted by the rows' weights.
    const trend = [1, 2, 3, 4].map((number) => {
      const period = rows.filter((row) => row.period.number === number);
      const weight = period.reduce((sum, row) => sum + row.weight, 0);
      const points = period.reduce((sum, row) => sum + Number(row.progress) * row.weight, 0);
      return Math.round((points / weight) * 10) / 10;
    });
    expect(trend).toEqual([16.4, 51.9, 74.8, 87.9]);
    expect(trend[3]).toBe(await rollUpUnder(trucNinh2025PlanId, 'ND-TN'));
    expect(byPeriod).toEqual([
      { completed: 1, overdue: 0 },
      { completed: 4, overdue: 2 },
      { completed: 7, overdue: 2 },
      { completed: 13, overdue: 3 },
    ]);
    const lastOverdue = rows.filter((row) => row.period.number === 4 && row.overdue > 0);
    expect(lastOverdue.map((row) => row.unit.code).sort()).toEqual(['ND-TN-TDA', 'ND-TN-TT', 'ND-TN-TT']);
    expect(await rollUpUnder(trucNinh2025PlanId, 'ND-TN-TDA')).toBe(77.5);
    expect(await rollUpUnder(trucNinh2025PlanId, 'ND-TN-TT')).toBe(45);
    expect(await rollUpUnder(trucNinh2025PlanId, 'ND-TN-PD')).toBe(100);

    const tasks = await planTasks(trucNinh2025PlanId);
    const late = tasks.filter(
      (task) =>
        task.status === 'NOT_COMPLETED' ||
        (task.completedAt !== null &&
          task.completedAt.toISOString().slice(0, 10) > task.dueDate.toISOString().slice(0, 10)),
    );
    expect([...new Set(late.map((task) => task.assigneeUnit.code))].sort()).toEqual([
      'ND-TN-TDA',
      'ND-TN-TH',
      'ND-TN-TT',
    ]);
    // Those left unfinished had reached the committee; accepting a report clears the level.
    expect(late.map((task) => [task.status, task.escalationLevel]).sort()).toEqual([
      ['COMPLETED', 0],
      ['COMPLETED', 0],
      ['COMPLETED', 0],
      ['NOT_COMPLETED', 2],
      ['NOT_COMPLETED', 2],
      ['NOT_COMPLETED', 2],
    ]);
    // Not one of them is in anybody's work: the plan is closed.
    const notCompleted = tasks.filter((task) => task.status === 'NOT_COMPLETED');
    expect(notCompleted.map((task) => [task.assigneeUnit.code, task.progress]).sort()).toEqual([
      ['ND-TN-TDA', 55],
      ['ND-TN-TT', 0],
      ['ND-TN-TT', 35],
    ]);
  });

  it('every report, review and status change has its audit event in the past', async () => {
    const tasks = await planTasks(trucNinh2025PlanId);
    const events = await db.prisma.auditEvent.findMany({
      where: { entityId: { in: [trucNinh2025PlanId, ...tasks.map((task) => task.id)] } },
    });
    const count = (action: string) => events.filter((event) => event.action === action).length;
    const reports = await db.prisma.progressReport.count({ where: { task: { planId: trucNinh2025PlanId } } });
    expect(count('task.progressReported') + count('task.submitted')).toBe(reports);
    expect(count('task.assigned')).toBe(17);
    expect(count('task.completed')).toBe(13);
    expect(count('task.returned')).toBe(1);
    expect(count('task.notCompleted')).toBe(3);
    expect(count('task.cancelled')).toBe(1);
    expect(count('plan.periodClosed')).toBe(4);
    expect(count('plan.phase.CLOSED')).toBe(1);
    expect(events.every((event) => event.at < new Date('2026-12-01T00:00:00Z'))).toBe(true);
  });

  it('the closed 2025 inspection of Trực Đại: four findings, three corrective actions verified, one late', async () => {
    const inspection = await db.prisma.inspection.findUniqueOrThrow({
      where: { id: trucDai2025InspectionId },
      include: {
        targetUnit: { select: { code: true } },
        checklist: true,
        findings: { include: { correctiveAction: { include: { rounds: true } } } },
      },
    });
    expect(inspection.status).toBe('CLOSED');
    expect(inspection.targetUnit.code).toBe('ND-TN-TDA');
    expect(inspection.checklist.every((item) => item.result !== null)).toBe(true);
    expect(inspection.findings.map((finding) => finding.severity).sort()).toEqual([
      'INFO',
      'MAJOR',
      'MINOR',
      'MINOR',
    ]);
    const actions = inspection.findings.flatMap((finding) =>
      finding.correctiveAction ? [{ severity: finding.severity, ...finding.correctiveAction }] : [],
    );
    expect(actions.map((action) => action.status)).toEqual(['VERIFIED', 'VERIFIED', 'VERIFIED']);
    const late = actions.filter(
      (action) => action.verifiedAt! > new Date(action.dueDate.getTime() + 86_400_000),
    );
    expect(late.map((action) => [action.severity, action.rounds.length])).toEqual([['MAJOR', 2]]);
  });
});

describe("Nghệ An's 2024 plan", () => {
  it('is CLOSED with a snapshot per unit × area × quarter, the last one equal to the roll-up', async () => {
    const plan = await db.prisma.reformPlan.findUniqueOrThrow({
      where: { id: ngheAn2024PlanId },
      include: { tasks: true },
    });
    expect(plan.status).toBe('CLOSED');
    expect(plan.tasks).toHaveLength(ngheAn2024.tasks.length);
    const counts = await db.prisma.reportingPeriod.findMany({
      where: { planId: ngheAn2024PlanId },
      orderBy: { number: 'asc' },
      include: { _count: { select: { snapshots: true } } },
    });
    expect(counts.map((period) => period._count.snapshots)).toEqual([15, 15, 15, 15]);
    for (const task of ngheAn2024.tasks) {
      const row = plan.tasks.find((candidate) => candidate.title === task.title)!;
      expect(finalTask(ngheAn2024, task)).toEqual({ status: row.status, progress: row.progress });
    }
    const last = snapshotRows(ngheAn2024).filter((row) => row.period === quarters(2024).length);
    const stored = await db.prisma.completionSnapshot.findMany({
      where: { planId: ngheAn2024PlanId, period: { number: 4 } },
      include: { unit: { select: { code: true } } },
    });
    expect(stored.map((row) => [row.unit.code, Number(row.progress)]).sort()).toEqual(
      last.map((row) => [row.unit, row.progress]).sort(),
    );
  });

  it('rolls up by department and by district to the expected figures', async () => {
    const figures: Record<string, number | null> = {};
    for (const code of [
      'NA',
      'NA-SNV',
      'NA-STP',
      'NA-VP',
      'NA-STC',
      'NA-STTTT',
      'NA-TTHCC',
      'NA-CA',
      'NA-VINH',
      'NA-VINH-HB',
      'NA-NL',
      'NA-DC',
      'NA-QL',
      'NA-CC',
    ]) {
      figures[code] = await rollUpUnder(ngheAn2024PlanId, code);
    }
    expect(figures).toEqual({
      NA: 73,
      // Departments and provincial agencies.
      'NA-SNV': 92,
      'NA-STP': 90,
      'NA-VP': 75,
      'NA-STC': 65,
      // 55 % with weight 3 and 100 % with weight 1: 265 / 4.
      'NA-STTTT': 66.3,
      // The returned completion report leaves the digitisation task at 60 % (weight 2), beside 50 %.
      'NA-TTHCC': 56.7,
      'NA-CA': 75,
      // Districts: Vinh city holds its ward Hưng Bình (100 %) beside its own 90 % of weight 2.
      'NA-VINH': 93.3,
      'NA-VINH-HB': 100,
      'NA-NL': 50,
      'NA-DC': 40,
      // Two districts never started their task: 0 %, not "no data".
      'NA-QL': 0,
      'NA-CC': 0,
    });
  });
});

describe('writing the demo twice', () => {
  it('writes nothing the second time', async () => {
    const counts = async () =>
      Promise.all([
        db.prisma.reformPlan.count(),
        db.prisma.task.count(),
        db.prisma.progressReport.count(),
        db.prisma.completionSnapshot.count(),
        db.prisma.auditEvent.count(),
        db.prisma.inspection.count(),
        db.prisma.finding.count(),
        db.prisma.correctiveAction.count(),
        db.prisma.correctiveRound.count(),
      ]);
    const before = await counts();
    await expect(seedDemoData(db.url)).resolves.toEqual({ seeded: false });
    await expect(db.prisma.$transaction((tx) => seedDemoHistory(tx))).resolves.toEqual({
      plans: 0,
      inspections: 0,
    });
    expect(await counts()).toEqual(before);
  });
});
