// A task's whole life through the API, on the real schema, PostgreSQL, the Temporal test server
// and a worker: accept (naming the responsible official), report, submit, return with a reason,
// submit again, accept; an extension asked for and granted; reassignment; cancellation. And each
// command's bad input (wrong status, wrong unit, missing reason, a date not later, a date that
// does not exist), answered with a typed error in the user's language that writes nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness } from '../helpers/api.ts';
import { createInspectionFixtures, createIssuedPlan } from '../helpers/fixtures.ts';

let api: Awaited<ReturnType<typeof createApiHarness>>;
let staff: Awaited<ReturnType<typeof createInspectionFixtures>>['staff'];
let planId: string;
const cookies: Record<'steering' | 'head' | 'townHead' | 'otherHead' | 'staff', string> = {
  steering: '',
  head: '',
  townHead: '',
  otherHead: '',
  staff: '',
};

beforeAll(async () => {
  api = await createApiHarness();
  ({ staff } = await createInspectionFixtures(api.db.prisma, api.fixtures));
  planId = await createIssuedPlan(api.db.prisma, api.fixtures);
  const { users } = api.fixtures;
  cookies.steering = await api.login(users.steering.email);
  cookies.head = await api.login(users.head.email);
  cookies.townHead = await api.login(users.townHead.email);
  cookies.otherHead = await api.login(users.otherHead.email);
  cookies.staff = await api.login(staff.email);
});
afterAll(() => api?.close());

const TASK_FIELDS = `
  id status progress dueDate responsibleName
  assigneeUnit { id }
  pendingExtension { requestedDueDate reason }
  viewerCan { accept report submit review requestExtension decideExtension reassign cancel }`;
const ANSWER = `__typename
  ... on Task { ${TASK_FIELDS} }
  ... on Error { message }
  ... on InvalidInputError { issues { field message } }
  ... on NotFoundError { field }
  ... on CommandRejectedError { reason }`;

const MUTATIONS = {
  acceptTask: 'AcceptTaskInput',
  reportProgress: 'ReportProgressInput',
  submitTask: 'SubmitTaskInput',
  reviewTask: 'ReviewTaskInput',
  requestTaskExtension: 'RequestTaskExtensionInput',
  decideTaskExtension: 'DecideTaskExtensionInput',
  reassignTask: 'ReassignTaskInput',
  cancelTask: 'CancelTaskInput',
} as const;
type Mutation = keyof typeof MUTATIONS;
type Who = keyof typeof cookies;

interface Answer {
  __typename: string;
  id?: string;
  status?: string;
  progress?: number;
  dueDate?: string;
  responsibleName?: string | null;
  assigneeUnit?: { id: string };
  pendingExtension?: { requestedDueDate: string; reason: string } | null;
  viewerCan?: Record<string, boolean>;
  message?: string;
  issues?: { field: string; message: string }[];
  field?: string | null;
  reason?: string;
}

/** Sends a command as `who` (in English, or in Vietnamese) and returns its answer. */
async function send(
  who: Who,
  mutation: Mutation,
  input: Record<string, unknown>,
  locale: 'en' | 'vi' = 'en',
): Promise<Answer> {
  const cookie = locale === 'vi' ? `${cookies[who]}; rt_locale=vi` : cookies[who];
  const result = await api.gql<Record<string, Answer>>(
    `mutation($input: ${MUTATIONS[mutation]}!) { ${mutation}(input: $input) { ${ANSWER} } }`,
    { input },
    { cookie },
  );
  expect(result.errors).toBeUndefined();
  return result.data![mutation]!;
}

async function taskAs(who: Who, id: string): Promise<Answer> {
  const result = await api.gql<{ task: Answer }>(
    `query($id: ID!) { task(id: $id) { ${TASK_FIELDS} } }`,
    { id },
    {
      cookie: cookies[who],
    },
  );
  return result.data!.task;
}

async function newTask(assigneeUnitId = api.fixtures.units.commune.id): Promise<string> {
  const result = await api.gql<{ createTask: Answer }>(
    `mutation($input: CreateTaskInput!) { createTask(input: $input) { ${ANSWER} } }`,
    {
      input: {
        requestId: randomUUID(),
        planId,
        areaId: api.fixtures.area.id,
        assigneeUnitId,
        title: 'Công khai thủ tục hành chính',
        dueDate: '2099-09-30',
      },
    },
    { cookie: cookies.steering },
  );
  expect(result.data?.createTask.__typename).toBe('Task');
  return result.data!.createTask.id!;
}

/** The audit trail of a task: a refused command adds nothing to it. */
const auditCount = (taskId: string) => api.db.prisma.auditEvent.count({ where: { entityId: taskId } });

/** Sends bad input in both languages and checks the typed refusal and that nothing was written. */
async function refusedInBoth(
  who: Who,
  mutation: Mutation,
  input: Record<string, unknown>,
  expected: { en: Partial<Answer>; vi: Partial<Answer> },
): Promise<void> {
  const taskId = input.taskId as string;
  const before = await auditCount(taskId);
  expect(await send(who, mutation, input, 'en')).toMatchObject(expected.en);
  expect(await send(who, mutation, input, 'vi')).toMatchObject(expected.vi);
  expect(await auditCount(taskId)).toBe(before);
}

const wrongStatus = {
  en: {
    __typename: 'CommandRejectedError',
    reason: 'TaskWrongStatus',
    message: 'The task is in a status that does not allow this.',
  },
  vi: { reason: 'TaskWrongStatus', message: 'Nhiệm vụ đang ở trạng thái không cho phép thao tác này.' },
};
const missingReason = {
  en: {
    __typename: 'InvalidInputError',
    issues: [{ field: 'reason', message: 'Give a reason (at most 2000 characters).' }],
  },
  vi: { issues: [{ field: 'reason', message: 'Hãy nêu lý do (tối đa 2000 ký tự).' }] },
};
const noSuchTask = {
  en: { __typename: 'NotFoundError', field: 'taskId', message: 'There is no such task.' },
  vi: { __typename: 'NotFoundError', message: 'Không tìm thấy nhiệm vụ này.' },
};

describe('the way through', () => {
  it('ASSIGNED → accept → report → submit → RETURN with a reason → report → submit → ACCEPT → COMPLETED', async () => {
    const taskId = await newTask();
    // The buttons: the head may accept (and report); the committee has nothing to review yet.
    expect((await taskAs('head', taskId)).viewerCan).toMatchObject({
      accept: true,
      report: true,
      submit: false,
      review: false,
      cancel: false,
    });
    expect((await taskAs('staff', taskId)).viewerCan).toMatchObject({ accept: false, report: true });
    expect((await taskAs('steering', taskId)).viewerCan).toMatchObject({
      accept: false,
      review: false,
      reassign: true,
      cancel: true,
    });

    // Wrong status: nothing submitted yet, nothing to review, nothing to submit before accepting.
    await refusedInBoth('steering', 'reviewTask', { taskId, decision: 'ACCEPT' }, wrongStatus);
    await refusedInBoth('head', 'submitTask', { taskId, note: 'Xong' }, wrongStatus);
    // Staff report; accepting is the head's (FORBIDDEN before anything is read).
    const byStaff = await api.gql(
      `mutation($input: AcceptTaskInput!) { acceptTask(input: $input) { __typename } }`,
      { input: { taskId } },
      { cookie: cookies.staff },
    );
    expect(byStaff.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The responsible official must belong to the unit.
    await refusedInBoth(
      'head',
      'acceptTask',
      { taskId, responsibleUserId: api.fixtures.users.townHead.id },
      {
        en: {
          __typename: 'InvalidInputError',
          issues: [
            {
              field: 'responsibleUserId',
              message:
                'The responsible official must be a head or staff member of the unit the task is assigned to.',
            },
          ],
        },
        vi: {
          issues: [
            {
              field: 'responsibleUserId',
              message: 'Người phụ trách phải là lãnh đạo hoặc cán bộ của đơn vị được giao nhiệm vụ.',
            },
          ],
        },
      },
    );
    // A head of another unit is told the task does not exist.
    await refusedInBoth('otherHead', 'acceptTask', { taskId }, noSuchTask);

    // Accepted, naming the staff member; sent twice with one request ID, it is one command.
    const requestId = randomUUID();
    const [accepted, again] = await Promise.all([
      send('head', 'acceptTask', { taskId, responsibleUserId: staff.id, requestId }),
      send('head', 'acceptTask', { taskId, responsibleUserId: staff.id, requestId }),
    ]);
    for (const answer of [accepted, again]) {
      expect(answer).toMatchObject({ __typename: 'Task', status: 'ACCEPTED', responsibleName: staff.name });
    }
    expect(accepted.viewerCan).toMatchObject({ accept: false, submit: true, report: true });
    expect(
      await api.db.prisma.auditEvent.count({ where: { entityId: taskId, action: 'task.accepted' } }),
    ).toBe(1);
    await refusedInBoth('head', 'acceptTask', { taskId }, wrongStatus);

    expect(await send('staff', 'reportProgress', { taskId, percent: 50, note: 'Một nửa' })).toMatchObject({
      status: 'IN_PROGRESS',
      progress: 50,
    });
    // Submitting is the head's, with a note on what was done.
    await refusedInBoth(
      'head',
      'submitTask',
      { taskId, note: '   ' },
      {
        en: { issues: [{ field: 'note', message: 'This field is required.' }] },
        vi: { issues: [{ field: 'note', message: 'Trường này là bắt buộc.' }] },
      },
    );
    const submitted = await send('head', 'submitTask', { taskId, note: 'Đã niêm yết đủ' });
    expect(submitted).toMatchObject({ status: 'SUBMITTED', progress: 100 });
    expect((await taskAs('steering', taskId)).viewerCan).toMatchObject({ review: true });
    expect((await taskAs('head', taskId)).viewerCan).toMatchObject({ submit: false, report: false });

    // Returning needs its reason; the task goes back to the progress it had.
    await refusedInBoth('steering', 'reviewTask', { taskId, decision: 'RETURN' }, missingReason);
    await refusedInBoth(
      'steering',
      'reviewTask',
      { taskId, decision: 'RETURN', reason: '  ' },
      missingReason,
    );
    const returned = await send('steering', 'reviewTask', {
      taskId,
      decision: 'RETURN',
      reason: 'Thiếu bảng niêm yết ở bộ phận một cửa',
    });
    expect(returned).toMatchObject({ status: 'RETURNED', progress: 50 });
    const review = await api.db.prisma.progressReport.findFirstOrThrow({
      where: { taskId, isCompletion: true },
    });
    expect(review).toMatchObject({
      reviewOutcome: 'RETURNED',
      reviewReason: 'Thiếu bảng niêm yết ở bộ phận một cửa',
    });
    // The unit head reads the decision and its reason with the report on the task page.
    const headView = await api.gql<{
      task: {
        reports: {
          edges: {
            node: { isCompletion: boolean; reviewOutcome: string | null; reviewReason: string | null };
          }[];
        };
      };
    }>(
      `query($id: ID!) { task(id: $id) { reports(first: 10) { edges { node { isCompletion reviewOutcome reviewReason } } } } }`,
      { id: taskId },
      { cookie: cookies.head },
    );
    expect(headView.data!.task.reports.edges.map((edge) => edge.node)).toContainEqual({
      isCompletion: true,
      reviewOutcome: 'RETURNED',
      reviewReason: 'Thiếu bảng niêm yết ở bộ phận một cửa',
    });

    expect(await send('head', 'reportProgress', { taskId, percent: 80 })).toMatchObject({
      status: 'IN_PROGRESS',
      progress: 80,
    });
    expect(await send('head', 'submitTask', { taskId, note: 'Đã bổ sung bảng niêm yết' })).toMatchObject({
      status: 'SUBMITTED',
    });
    const completed = await send('steering', 'reviewTask', { taskId, decision: 'ACCEPT' });
    expect(completed).toMatchObject({ status: 'COMPLETED', progress: 100 });
    expect(Object.values(completed.viewerCan!).every((can) => !can)).toBe(true);
    expect(await api.db.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({
      status: 'COMPLETED',
      progress: 100,
      responsibleUserId: staff.id,
    });

    // A closed task takes no more commands.
    await refusedInBoth(
      'steering',
      'cancelTask',
      { taskId, reason: 'Không còn cần' },
      {
        en: {
          reason: 'TaskNotRunning',
          message: 'This task is closed: it takes no more reports or changes.',
        },
        vi: { message: 'Nhiệm vụ này đã kết thúc, không nhận thêm báo cáo hay thao tác nào.' },
      },
    );
  });
});

describe('extensions', () => {
  it('a request with a reason and a later date, then granted, moves the due date', async () => {
    const taskId = await newTask();
    await refusedInBoth(
      'head',
      'requestTaskExtension',
      { taskId, newDueDate: '2099-09-30', reason: 'Chờ kinh phí' },
      {
        en: {
          __typename: 'InvalidInputError',
          issues: [{ field: 'newDueDate', message: 'The new due date must be later than the current one.' }],
        },
        vi: { issues: [{ field: 'newDueDate', message: 'Hạn mới phải muộn hơn hạn hoàn thành hiện tại.' }] },
      },
    );
    await refusedInBoth(
      'head',
      'requestTaskExtension',
      { taskId, newDueDate: '2099-11-31', reason: 'Chờ kinh phí' },
      {
        en: { issues: [{ field: 'newDueDate', message: 'Enter a date that exists, as YYYY-MM-DD.' }] },
        vi: { issues: [{ field: 'newDueDate', message: 'Nhập một ngày có thật theo dạng NNNN-TT-NN.' }] },
      },
    );
    await refusedInBoth(
      'head',
      'requestTaskExtension',
      { taskId, newDueDate: '2100-06-30', reason: 'Chờ kinh phí' },
      {
        en: {
          issues: [
            {
              field: 'newDueDate',
              message:
                'The due date must lie in the plan’s year (at the latest, the day its self-assessment closes).',
            },
          ],
        },
        vi: {
          issues: [
            {
              field: 'newDueDate',
              message:
                'Hạn hoàn thành phải nằm trong năm của kế hoạch (muộn nhất là ngày kết thúc tự đánh giá).',
            },
          ],
        },
      },
    );
    await refusedInBoth(
      'head',
      'requestTaskExtension',
      { taskId, newDueDate: '2099-11-30', reason: ' ' },
      missingReason,
    );
    await refusedInBoth(
      'head',
      'requestTaskExtension',
      { taskId, newDueDate: '2099-11-30', reason: 'x'.repeat(2001) },
      missingReason,
    );
    await refusedInBoth(
      'otherHead',
      'requestTaskExtension',
      { taskId, newDueDate: '2099-11-30', reason: 'Chờ' },
      noSuchTask,
    );
    // Nothing is waiting: nothing to decide.
    await refusedInBoth(
      'steering',
      'decideTaskExtension',
      { taskId, grant: true },
      {
        en: {
          __typename: 'CommandRejectedError',
          reason: 'TaskNoExtensionPending',
          message: 'No extension request is waiting for a decision.',
        },
        vi: { message: 'Không có đề nghị gia hạn nào đang chờ quyết định.' },
      },
    );

    const requested = await send('head', 'requestTaskExtension', {
      taskId,
      newDueDate: '2099-11-30',
      reason: 'Chờ kinh phí số hoá',
    });
    expect(requested).toMatchObject({
      dueDate: '2099-09-30',
      pendingExtension: { requestedDueDate: '2099-11-30', reason: 'Chờ kinh phí số hoá' },
    });
    expect(requested.viewerCan).toMatchObject({ requestExtension: false });
    expect((await taskAs('steering', taskId)).viewerCan).toMatchObject({ decideExtension: true });
    await refusedInBoth(
      'head',
      'requestTaskExtension',
      { taskId, newDueDate: '2099-12-15', reason: 'Thêm nữa' },
      {
        en: {
          __typename: 'CommandRejectedError',
          reason: 'TaskExtensionPending',
          message: 'An extension request is already waiting for a decision.',
        },
        vi: { message: 'Đã có một đề nghị gia hạn đang chờ quyết định.' },
      },
    );

    const nextDeadline = async () =>
      (
        await api.gql<{ task: { nextDeadline: { kind: string; on: string } | null } }>(
          'query($id: ID!) { task(id: $id) { nextDeadline { kind on } } }',
          { id: taskId },
          { cookie: cookies.head },
        )
      ).data!.task.nextDeadline;
    // The first reminder: 5 working days before Wednesday 30 September.
    expect(await nextDeadline()).toEqual({ kind: 'REMINDER', on: '2099-09-23' });
    const granted = await send('steering', 'decideTaskExtension', { taskId, grant: true, reason: 'Đồng ý' });
    expect(granted).toMatchObject({ dueDate: '2099-11-30', pendingExtension: null });
    // The reminders move with the due date: 5 working days before Monday 30 November.
    expect(await nextDeadline()).toEqual({ kind: 'REMINDER', on: '2099-11-23' });
    expect(await api.db.prisma.extension.findFirstOrThrow({ where: { taskId } })).toMatchObject({
      status: 'GRANTED',
      decisionNote: 'Đồng ý',
    });
    // A refused request leaves the due date as it is, and a new request may follow.
    await send('head', 'requestTaskExtension', { taskId, newDueDate: '2099-12-15', reason: 'Chờ thiết bị' });
    const refused = await send('steering', 'decideTaskExtension', {
      taskId,
      grant: false,
      reason: 'Đã đủ thời gian',
    });
    expect(refused).toMatchObject({ dueDate: '2099-11-30', pendingExtension: null });
    expect(refused.viewerCan).toMatchObject({ decideExtension: false });
    expect(
      await api.db.prisma.extension.findMany({ where: { taskId }, orderBy: { createdAt: 'asc' } }),
    ).toMatchObject([{ status: 'GRANTED' }, { status: 'REFUSED', decisionNote: 'Đã đủ thời gian' }]);
    // The date to beat is the new one now.
    const stale = await send('head', 'requestTaskExtension', {
      taskId,
      newDueDate: '2099-10-31',
      reason: 'Chờ',
    });
    expect(stale.issues).toEqual([
      { field: 'newDueDate', message: 'The new due date must be later than the current one.' },
    ]);
  });
});

describe('reassign and cancel', () => {
  it('a reassigned task starts over at the new unit, which may accept it; the old one no longer reaches it', async () => {
    const taskId = await newTask();
    await send('head', 'acceptTask', { taskId });
    const { commune, town, otherCommune } = api.fixtures.units;
    await refusedInBoth(
      'steering',
      'reassignTask',
      { taskId, assigneeUnitId: town.id, reason: '' },
      missingReason,
    );
    await refusedInBoth(
      'steering',
      'reassignTask',
      { taskId, assigneeUnitId: commune.id, reason: 'Chuyển' },
      {
        en: {
          issues: [
            {
              field: 'assigneeUnitId',
              message: 'The task is already assigned to this unit; choose another unit.',
            },
          ],
        },
        vi: {
          issues: [
            {
              field: 'assigneeUnitId',
              message: 'Nhiệm vụ đã được giao cho đơn vị này; hãy chọn một đơn vị khác.',
            },
          ],
        },
      },
    );
    // A unit outside the plan's tree (and the committee's reach) is not there.
    await refusedInBoth(
      'steering',
      'reassignTask',
      { taskId, assigneeUnitId: otherCommune.id, reason: 'Chuyển' },
      {
        en: { __typename: 'NotFoundError', field: 'assigneeUnitId', message: 'There is no such unit.' },
        vi: { message: 'Không tìm thấy đơn vị này.' },
      },
    );

    const moved = await send('steering', 'reassignTask', {
      taskId,
      assigneeUnitId: town.id,
      reason: 'Thị trấn phụ trách bộ phận một cửa',
    });
    expect(moved).toMatchObject({ status: 'ASSIGNED', assigneeUnit: { id: town.id }, responsibleName: null });
    // Wrong unit: the commune's head no longer reaches the task.
    await refusedInBoth('head', 'acceptTask', { taskId }, noSuchTask);
    expect(await send('townHead', 'acceptTask', { taskId })).toMatchObject({
      status: 'ACCEPTED',
      responsibleName: api.fixtures.users.townHead.name,
    });
  });

  it('cancelling needs a reason, is the committee’s, and closes the task', async () => {
    const taskId = await newTask();
    await refusedInBoth('steering', 'cancelTask', { taskId, reason: '' }, missingReason);
    const other = await api.gql(
      `mutation($input: CancelTaskInput!) { cancelTask(input: $input) { __typename ... on NotFoundError { field } } }`,
      { input: { taskId, reason: 'Không cần' } },
      { cookie: await api.login(api.fixtures.users.otherSteering.email) },
    );
    expect(other.data?.cancelTask).toEqual({ __typename: 'NotFoundError', field: 'taskId' });
    const cancelled = await send('steering', 'cancelTask', { taskId, reason: 'Trùng với nhiệm vụ khác' });
    expect(cancelled).toMatchObject({ status: 'CANCELLED' });
    await refusedInBoth(
      'head',
      'acceptTask',
      { taskId },
      { en: { reason: 'TaskNotRunning' }, vi: { reason: 'TaskNotRunning' } },
    );
  });
});
