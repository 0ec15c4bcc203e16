// Notifications through the API: rows written by the workflows' own notify activity, read and
// marked through yoga.fetch on the real schema and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { parse } from 'graphql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryCost } from '../../api/src/limits.ts';
import { schema } from '../../api/src/schema/index.ts';
import { PrismaClient } from '../../prisma/client.ts';
import { notify } from '../../workflows/src/activities/notify.ts';
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
