// A closed plan's tasks through the API (docs/plan-closing.md): NOT_COMPLETED is a status the
// API gives out, such tasks and every task of a CLOSED plan leave "my work" and the review
// queue, and the roll-up still counts a not-completed task at its progress.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskStatus } from '../../prisma/client.ts';
import { createAuthApi } from '../helpers/auth-api.ts';

let api: Awaited<ReturnType<typeof createAuthApi>>;
const ids: Record<string, string> = {};

const day = (date: string) => new Date(`${date}T00:00:00.000Z`);

beforeAll(async () => {
  api = await createAuthApi();
  const { fixtures } = api;
  const prisma = api.db.prisma;
  const closed = await prisma.reformPlan.create({
    data: {
      year: 2025,
      title: 'Kế hoạch CCHC năm 2025 (đã kết thúc)',
      issuingUnitId: fixtures.units.district.id,
      createdById: fixtures.users.steering.id,
      status: 'CLOSED',
      issuedAt: new Date('2025-01-05T00:00:00Z'),
    },
  });
  ids.closedPlan = closed.id;
  const task = async (
    key: string,
    status: TaskStatus,
    progress: number,
    planId: string = closed.id,
    dueDate = '2026-10-30',
  ) => {
    const row = await prisma.task.create({
      data: {
        planId,
        areaId: fixtures.area.id,
        assigneeUnitId: fixtures.units.commune.id,
        title: key,
        dueDate: day(dueDate),
        status,
        progress,
        createdById: fixtures.users.steering.id,
      },
    });
    ids[key] = row.id;
    return row;
  };
  await task('closed: not completed at 40 %', 'NOT_COMPLETED', 40);
  await task('closed: completed', 'COMPLETED', 100);
  await task('closed: cancelled', 'CANCELLED', 10);
  // A row of the closed plan its workflow has not reached yet: still not anyone's work.
  const waiting = await task('closed: submitted, not yet closed', 'SUBMITTED', 100);
  await prisma.progressReport.create({
    data: { taskId: waiting.id, authorId: fixtures.users.head.id, percent: 100, isCompletion: true },
  });
  await prisma.extension.create({
    data: {
      taskId: waiting.id,
      requestedById: fixtures.users.head.id,
      requestedDueDate: day('2026-12-30'),
      reason: 'Chờ kinh phí',
    },
  });
  // The issued plan: one task still open (listed), one NOT_COMPLETED (not listed).
  await task('issued: in progress', 'IN_PROGRESS', 50, fixtures.plan.id);
  await task('issued: not completed', 'NOT_COMPLETED', 20, fixtures.plan.id);
  const submitted = await task('issued: submitted', 'SUBMITTED', 100, fixtures.plan.id);
  await prisma.progressReport.create({
    data: { taskId: submitted.id, authorId: fixtures.users.head.id, percent: 100, isCompletion: true },
  });
});
afterAll(() => api?.close());

async function as<T>(email: string, query: string, variables: Record<string, unknown> = {}) {
  const cookie = await api.signIn(email);
  const { body } = await api.gql(query, variables, { cookie });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

describe('a closed plan’s unfinished tasks', () => {
  it('are NOT_COMPLETED in the API, with the progress they had and no urgency (past due, but over)', async () => {
    const data = await as<{ task: { status: string; progress: number } }>(
      api.fixtures.users.head.email,
      'query($id: ID!) { task(id: $id) { status progress urgency workingDaysLeft } }',
      { id: ids['closed: not completed at 40 %'] },
    );
    expect(data.task).toEqual({
      status: 'NOT_COMPLETED',
      progress: 40,
      urgency: null,
      workingDaysLeft: null,
    });
  });

  it('leave "my work": neither NOT_COMPLETED tasks nor any task of a CLOSED plan is listed or counted', async () => {
    const data = await as<{
      myWork: {
        totalCount: number;
        counts: { overdue: number; dueSoon: number; later: number };
        edges: { node: { title: string } }[];
      };
    }>(
      api.fixtures.users.head.email,
      '{ myWork(first: 50) { totalCount counts { overdue dueSoon later } edges { node { title } } } }',
    );
    const titles = data.myWork.edges.map((edge) => edge.node.title);
    expect(titles).toContain('issued: in progress');
    expect(titles).toContain('issued: submitted');
    expect(titles.filter((title) => title.startsWith('closed:') || title.includes('not completed'))).toEqual(
      [],
    );
    expect(data.myWork.totalCount).toBe(titles.length);
    const { overdue, dueSoon, later } = data.myWork.counts;
    expect(overdue + dueSoon + later).toBe(titles.length);
  });

  it('leave the review queue: a CLOSED plan’s waiting report and extension request are not listed', async () => {
    const data = await as<{
      reviewQueue: {
        totalCount: number;
        counts: { reports: number; extensions: number };
        edges: { node: { kind: string; task: { title: string } } }[];
      };
    }>(
      api.fixtures.users.steering.email,
      '{ reviewQueue(first: 50) { totalCount counts { reports extensions } edges { node { kind task { title } } } } }',
    );
    expect(data.reviewQueue.edges.map((edge) => [edge.node.kind, edge.node.task.title])).toEqual([
      ['REPORT', 'issued: submitted'],
    ]);
    expect(data.reviewQueue.counts).toEqual({ reports: 1, extensions: 0 });
    expect(data.reviewQueue.totalCount).toBe(1);
  });

  it('still count in the roll-up at their progress, so the year shows the gap', async () => {
    const data = await as<{
      plan: {
        status: string;
        completion: number;
        unitProgress: { taskCount: number; completed: number; overdue: number }[];
      };
    }>(
      api.fixtures.users.steering.email,
      'query($id: ID!) { plan(id: $id) { status completion unitProgress { taskCount completed overdue } } }',
      { id: ids.closedPlan },
    );
    expect(data.plan.status).toBe('CLOSED');
    // Not completed 40, completed 100, submitted 100; the cancelled task is left out.
    expect(data.plan.completion).toBe(80);
    // Past due, but only the submitted row its workflow has not closed yet is still late: the
    // not-completed task is over, not overdue.
    expect(data.plan.unitProgress).toEqual([{ taskCount: 3, completed: 1, overdue: 1 }]);
  });

  it('can be listed by their status', async () => {
    const data = await as<{ tasks: { edges: { node: { title: string; status: string } }[] } }>(
      api.fixtures.users.head.email,
      '{ tasks(first: 50, filter: { status: [NOT_COMPLETED] }) { edges { node { title status } } } }',
    );
    expect(data.tasks.edges.map((edge) => edge.node).sort((a, b) => a.title.localeCompare(b.title))).toEqual([
      { title: 'closed: not completed at 40 %', status: 'NOT_COMPLETED' },
      { title: 'issued: not completed', status: 'NOT_COMPLETED' },
    ]);
  });
});
