// Notifications through the API: rows written by the workflows' own notify activity, read and
// marked through yoga.fetch on the real schema and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { parse } from 'graphql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryCost } from '../../api/src/limits.ts';
import { hashPassword } from '../../api/src/passwords.ts';
import { schema } from '../../api/src/schema/index.ts';
import { PrismaClient } from '../../prisma/client.ts';
import { notify, type NotifyInput } from '../../workflows/src/activities/notify.ts';
import { createAuthApi } from '../helpers/auth-api.ts';

let api: Awaited<ReturnType<typeof createAuthApi>>;
let head: string;
let other: string;
beforeAll(async () => {
  api = await createAuthApi();
  head = await api.signIn(api.fixtures.users.head.email);
  other = await api.signIn(api.fixtures.users.otherHead.email);
});
afterAll(() => api?.close());

let minute = 0;
/** One notification for `userId` through the notify activity, created a minute after the previous one. */
async function notifyOne(userId: string, title: string, link: string | null = '/tasks/t-1'): Promise<string> {
  const eventId = `test-${randomUUID()}`;
  await api.db.prisma.$transaction((tx) =>
    notify(tx, {
      eventId,
      userIds: [userId],
      kind: 'task.returned',
      params: { title, reason: 'thiếu minh chứng' },
      link,
    }),
  );
  minute += 1;
  const row = await api.db.prisma.notification.update({
    where: { eventId: `${eventId}:notify:${userId}` },
    data: { createdAt: new Date(Date.UTC(2026, 10, 1, 0, minute)) },
  });
  return row.id;
}

const LIST = `query($first: Int, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id kind title body link readAt } }
  }
}`;
interface Listed {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: {
    node: {
      id: string;
      kind: string;
      title: string;
      body: string;
      link: string | null;
      readAt: string | null;
    };
  }[];
}
async function list(cookie: string, variables: Record<string, unknown> = {}) {
  const { body } = await api.gql(LIST, variables, { cookie });
  if (!body.data) throw new Error(JSON.stringify(body));
  return body.data.notifications as Listed;
}
const unread = async (cookie: string) => {
  const { body } = await api.gql('{ me { unreadNotifications } }', {}, { cookie });
  return (body.data?.me as { unreadNotifications: number }).unreadNotifications;
};
const MARK = `mutation($id: ID!) {
  markNotificationRead(id: $id) { __typename ... on Notification { id readAt } ... on Error { message } }
}`;

describe('notifications', () => {
  it('lists only the viewer’s own, newest first, rendered in their language with a local link', async () => {
    const { head: h, otherHead: o } = api.fixtures.users;
    const first = await notifyOne(h.id, 'Số hoá hồ sơ');
    const mine = await notifyOne(h.id, 'Một cửa liên thông');
    const theirs = await notifyOne(o.id, 'Việc của xã khác');
    const page = await list(head);
    expect(page.edges.map((edge) => edge.node.id)).toEqual([mine, first]);
    expect(page.totalCount).toBe(2);
    expect(page.edges[0]!.node).toEqual({
      id: mine,
      kind: 'task.returned',
      title: 'Returned: Một cửa liên thông',
      body: 'The report on "Một cửa liên thông" was returned: thiếu minh chứng',
      link: '/tasks/t-1',
      readAt: null,
    });
    expect((await list(other)).edges.map((edge) => edge.node.id)).toEqual([theirs]);
  });

  it('a stored link that leads off the site is not given out', async () => {
    const { townHead } = api.fixtures.users;
    const cookie = await api.signIn(townHead.email);
    for (const link of ['https://evil.example/x', '//evil.example', '/\\evil.example', 'javascript:alert(1)'])
      await notifyOne(townHead.id, 'Liên kết lạ', link);
    await notifyOne(townHead.id, 'Không liên kết', null);
    const page = await list(cookie);
    expect(page.edges.map((edge) => edge.node.link)).toEqual([null, null, null, null, null]);
  });

  it('pages with first/after and a total; a page over 200 is refused by name', async () => {
    const { steering } = api.fixtures.users;
    const cookie = await api.signIn(steering.email);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push(await notifyOne(steering.id, `Nhiệm vụ ${i}`));
    const newestFirst = [...ids].reverse();
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await list(cookie, { first: 2, after });
      expect(page.totalCount).toBe(5);
      seen.push(...page.edges.map((edge) => edge.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(newestFirst);
    const { body } = await api.gql(LIST, { first: 201 }, { cookie });
    expect(body.errors?.[0]?.extensions?.code).toBe('PAGE_TOO_LARGE');
    const made = await api.gql(LIST, { first: 2, after: 'not-a-cursor' }, { cookie });
    expect(made.body.errors?.[0]).toMatchObject({
      message:
        'The argument "after" is not a valid page position; use the previous page\'s endCursor, or leave it out to start from the beginning.',
      extensions: { code: 'BAD_CURSOR' },
    });
  });

  it('unread count and unreadOnly; marking one read leaves everyone else’s alone', async () => {
    const { otherSteering, otherHead: o } = api.fixtures.users;
    const cookie = await api.signIn(otherSteering.email);
    const a = await notifyOne(otherSteering.id, 'A');
    const b = await notifyOne(otherSteering.id, 'B');
    const theirs = await notifyOne(o.id, 'Của người khác');
    expect(await unread(cookie)).toBe(2);

    const { body } = await api.gql(MARK, { id: a }, { cookie });
    expect(body.data?.markNotificationRead).toEqual({
      __typename: 'Notification',
      id: a,
      readAt: api.clock.now.toISOString(),
    });
    expect(await unread(cookie)).toBe(1);
    expect((await list(cookie, { unreadOnly: true })).edges.map((edge) => edge.node.id)).toEqual([b]);
    expect((await list(cookie, { unreadOnly: true })).totalCount).toBe(1);

    // Again later: it stays read since the first time.
    api.advance(5);
    const again = await api.gql(MARK, { id: a }, { cookie });
    expect((again.body.data?.markNotificationRead as { readAt: string }).readAt).toBe(
      new Date(api.clock.now.getTime() - 5 * 60_000).toISOString(),
    );

    // Someone else's notification: not found, in the viewer's language, and nothing written.
    const foreign = await api.gql(MARK, { id: theirs }, { cookie });
    expect(foreign.body.data?.markNotificationRead).toEqual({
      __typename: 'NotFoundError',
      message: 'There is no such notification.',
    });
    const vi = await api.gql(MARK, { id: 'no-such-id' }, { cookie: `${cookie}; rt_locale=vi` });
    expect(vi.body.data?.markNotificationRead).toEqual({
      __typename: 'NotFoundError',
      message: 'Không tìm thấy thông báo này.',
    });
    const row = await api.db.prisma.notification.findUniqueOrThrow({ where: { id: theirs } });
    expect(row.readAt).toBeNull();
  });

  it('mark all read returns how many it marked and touches no one else’s', async () => {
    const { townHead, otherHead: o } = api.fixtures.users;
    const cookie = await api.signIn(townHead.email);
    await api.db.prisma.notification.updateMany({ where: { userId: townHead.id }, data: { readAt: null } });
    const before = await api.db.prisma.notification.count({ where: { userId: townHead.id } });
    expect(before).toBeGreaterThan(0);
    const othersUnread = await api.db.prisma.notification.count({ where: { userId: o.id, readAt: null } });
    expect(othersUnread).toBeGreaterThan(0);

    const { body } = await api.gql('mutation { markAllNotificationsRead }', {}, { cookie });
    expect(body.data).toEqual({ markAllNotificationsRead: before });
    expect(await unread(cookie)).toBe(0);
    expect(await api.db.prisma.notification.count({ where: { userId: o.id, readAt: null } })).toBe(
      othersUnread,
    );
    const second = await api.gql('mutation { markAllNotificationsRead }', {}, { cookie });
    expect(second.body.data).toEqual({ markAllNotificationsRead: 0 });
  });

  it('without a session: UNAUTHENTICATED, in the reader’s language', async () => {
    const { body } = await api.gql(LIST, {});
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const marked = await api.gql(
      'mutation { markAllNotificationsRead }',
      {},
      { headers: { 'accept-language': 'vi' } },
    );
    expect(marked.body.errors?.[0]).toMatchObject({
      message: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});

describe('cost', () => {
  const BELL_AND_PAGE = `{
    me { unreadNotifications }
    notifications(first: 50) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id kind title body link createdAt readAt } }
    }
  }`;

  it('the bell and a page of 50 send the same few statements however many notifications there are', async () => {
    const pool = new pg.Pool({ connectionString: api.db.url, max: 2 });
    let statements = 0;
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        statements += 1;
        return query(...args);
      };
    });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    try {
      const yoga = api.api({ prisma });
      const { head: h } = api.fixtures.users;
      const counted = async (query: string) => {
        statements = 0;
        const { body } = await api.gql(query, {}, { cookie: head, yoga });
        expect(body.errors).toBeUndefined();
        return statements;
      };
      const session = await counted('{ me { id } }');
      const few = await counted(BELL_AND_PAGE);
      for (let i = 0; i < 60; i += 1) await notifyOne(h.id, `Thêm ${i}`);
      expect(await counted(BELL_AND_PAGE)).toBe(few);
      // Beyond the session lookup: the unread count, the page and its total.
      expect(few - session).toBe(3);
    } finally {
      await prisma.$disconnect();
      await pool.end();
    }
    const cost = queryCost(schema, parse(BELL_AND_PAGE));
    // 50 rows × (node + 7 fields) + the connection (2) + me and its count (2): far under the 25,000 budget.
    expect(cost).toBe(404);
  });
});

describe('readable text', () => {
  /** A unit head of the commune of their own, so that the list holds only this test's rows. */
  async function reader(key: string) {
    const user = await api.db.prisma.user.create({
      data: {
        email: `${key}@readable.demo`,
        name: `Người ${key}`,
        passwordHash: await hashPassword(api.fixtures.password),
        locale: 'vi',
        roles: { create: { role: 'UNIT_HEAD', unitId: api.fixtures.units.commune.id } },
      },
    });
    return { user, cookie: await api.signIn(user.email) };
  }
  const send = (userId: string, kind: NotifyInput['kind'], params: NotifyInput['params']) =>
    api.db.prisma.$transaction((tx) =>
      notify(tx, { eventId: `test-${randomUUID()}`, userIds: [userId], kind, params, link: null }),
    );
  /** Title and body of the user's notifications, oldest first, and their e-mails. */
  async function texts(userId: string, cookie: string) {
    const page = await list(cookie, { first: 20 });
    const inApp = page.edges.map((edge) => `${edge.node.title} | ${edge.node.body}`).reverse();
    const rows = await api.db.prisma.notification.findMany({
      where: { userId },
      orderBy: { createdAt: 'asc' },
      include: { email: true },
    });
    return { inApp, emails: rows.map((row) => `${row.email?.subject} | ${row.email?.body}`) };
  }

  it('dates read 30/06/2027, phases and decisions in words, in the list and the e-mails', async () => {
    const { user, cookie } = await reader('readable-vi');
    await send(user.id, 'task.assigned', { title: 'Số hoá hồ sơ', dueDate: '2027-06-30' });
    await send(user.id, 'plan.phaseChanged', { title: 'Kế hoạch 2027', phase: 'PUBLISHED' });
    await send(user.id, 'plan.phaseEnding', {
      title: 'Kế hoạch 2027',
      phase: 'ASSESSMENT',
      endsOn: '2028-01-14',
    });
    await send(user.id, 'task.extensionDecided', { title: 'Số hoá hồ sơ', decision: '2027-10-31' });
    await send(user.id, 'task.extensionDecided', { title: 'Một cửa', decision: 'Không đủ căn cứ' });
    await send(user.id, 'plan.tasksNotCompleted', {
      title: 'Kế hoạch 2027',
      count: 2,
      unit: 'Xã Phương Định',
    });

    const vi = await texts(user.id, cookie);
    const expectedVi = [
      'Nhiệm vụ mới: Số hoá hồ sơ | Đơn vị được giao nhiệm vụ "Số hoá hồ sơ", hạn 30/06/2027.',
      'Kế hoạch Kế hoạch 2027: Đã công bố | Kế hoạch "Kế hoạch 2027" chuyển sang giai đoạn mới: Đã công bố.',
      'Sắp hết hạn giai đoạn tự đánh giá: Kế hoạch 2027 | Giai đoạn tự đánh giá của kế hoạch "Kế hoạch 2027" kết thúc ngày 14/01/2028; đề nghị hoàn thành trước thời hạn.',
      'Kết quả xin gia hạn: Số hoá hồ sơ | Đề nghị gia hạn nhiệm vụ "Số hoá hồ sơ": được chấp thuận, hạn mới 31/10/2027.',
      'Kết quả xin gia hạn: Một cửa | Đề nghị gia hạn nhiệm vụ "Một cửa": không được chấp thuận: Không đủ căn cứ.',
      'Kế hoạch đã kết thúc: Kế hoạch 2027 | Kế hoạch "Kế hoạch 2027" đã kết thúc; 2 nhiệm vụ của Xã Phương Định chưa hoàn thành được ghi nhận là không hoàn thành, với tiến độ đã đạt.',
    ];
    expect(vi.inApp).toEqual(expectedVi);
    expect(vi.emails).toEqual(expectedVi);

    // The same rows read in English once the user switches; the stored params keep the codes.
    await api.db.prisma.user.update({ where: { id: user.id }, data: { locale: 'en' } });
    const en = await texts(user.id, cookie);
    expect(en.inApp).toEqual([
      'New task: Số hoá hồ sơ | Your unit has been assigned "Số hoá hồ sơ", due 30/06/2027.',
      'Plan Kế hoạch 2027: Published | The plan "Kế hoạch 2027" has moved to a new phase: Published.',
      'Self-assessment closes soon: Kế hoạch 2027 | The self-assessment phase of "Kế hoạch 2027" ends on 14/01/2028; please finish before then.',
      'Extension decision: Số hoá hồ sơ | The extension request for "Số hoá hồ sơ": granted, new due date 31/10/2027.',
      'Extension decision: Một cửa | The extension request for "Một cửa": refused: Không đủ căn cứ.',
      'Plan closed: Kế hoạch 2027 | The plan "Kế hoạch 2027" has closed; 2 unfinished tasks of Xã Phương Định are recorded as not completed, at the progress they had reached.',
    ]);
    for (const text of [...vi.inApp, ...en.inApp]) {
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}|PUBLISHED|ASSESSMENT/);
    }
    const stored = await api.db.prisma.notification.findFirstOrThrow({
      where: { userId: user.id, kind: 'plan.phaseChanged' },
    });
    expect(stored.params).toEqual({ title: 'Kế hoạch 2027', phase: 'PUBLISHED' });
  });
});
