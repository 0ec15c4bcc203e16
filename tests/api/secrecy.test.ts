// A surprise inspection stays secret until it starts (issue 10). Generated from api/schema.graphql
// (tests/helpers/schema-crawler.ts): signed in as the target commune's head, its staff member and
// the former head of a commune merged into it, every Query field they can reach is run with every
// argument that can be filled from earlier answers (the secret inspection's ID among the seeds, as
// if guessed). No answer may hold the inspection's ID, title or day; asking for it by ID must
// answer exactly as for an ID that does not exist. After the inspection has started (the test
// server's clock moved to its day, not waited for) the same crawl finds it.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, isNonNullType, getNamedType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/lib/paths.ts';
import { addDays, atVietnamTime, dayOfWeek, vietnamDate } from '../../workflows/src/calendar.ts';
import { createApiHarness } from '../helpers/api.ts';
import { createInspectionFixtures } from '../helpers/fixtures.ts';
import { crawl, type CrawlCall, type CrawlResponse } from '../helpers/schema-crawler.ts';

const schema = buildSchema(readFileSync(path.join(root, 'api/schema.graphql'), 'utf8'));

let api: Awaited<ReturnType<typeof createApiHarness>>;
let people: Awaited<ReturnType<typeof createInspectionFixtures>>;
let secret: { id: string; title: string; day: string };
let announcedId: string;
const cookies: Record<'head' | 'staff' | 'formerHead' | 'steering' | 'inspector', string> = {
  head: '',
  staff: '',
  formerHead: '',
  steering: '',
  inspector: '',
};

/** The first Wednesday at least `days` days after `from`: a working day nothing else uses. */
function wednesdayAfter(from: string, days: number): string {
  let day = addDays(from, days);
  while (dayOfWeek(day) !== 3) day = addDays(day, 1);
  return day;
}
const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

async function today(): Promise<string> {
  return vietnamDate(await api.env.currentTimeMs());
}

type Gql = (
  query: string,
  variables: Record<string, unknown>,
) => Promise<CrawlResponse & { errors?: { message: string; extensions?: Record<string, unknown> }[] }>;

const as =
  (cookie: string): Gql =>
  async (query, variables) => {
    const { data, errors } = await api.gql(query, variables, { cookie });
    return { data, errors: errors };
  };

async function command<T>(cookie: string, query: string, input: Record<string, unknown>): Promise<T> {
  const result = await api.gql<Record<string, T & { __typename: string; message?: string }>>(
    query,
    { input },
    { cookie },
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  const value = Object.values(result.data ?? {})[0]!;
  expect(value.__typename, JSON.stringify(value)).toBe('Inspection');
  return value;
}

const PLAN = `mutation($input: PlanInspectionInput!) {
  planInspection(input: $input) { __typename ... on Inspection { id title scheduledOn } ... on Error { message } }
}`;

/** Every place the secret shows itself: its ID, its title, its day in either notation. */
function leaks(calls: CrawlCall[]): string[] {
  const needles = [secret.id, secret.title, secret.day, ddmmyyyy(secret.day)];
  return calls.flatMap((call) => {
    const text = JSON.stringify(call.response);
    return needles
      .filter((needle) => text.includes(needle))
      .map((needle) => `${call.field} ${JSON.stringify(call.variables)} shows "${needle}"`);
  });
}

/** Root fields taking a required ID: asked for the secret and for a random ID, they must agree. */
async function byIdDifferences(send: Gql): Promise<string[]> {
  const queryType = schema.getQueryType()!;
  const differences: string[] = [];
  for (const field of Object.values(queryType.getFields())) {
    const idArgs = field.args.filter(
      (arg) => isNonNullType(arg.type) && getNamedType(arg.type).name === 'ID',
    );
    if (idArgs.length !== 1 || field.args.some((arg) => isNonNullType(arg.type) && arg !== idArgs[0])) {
      continue;
    }
    const arg = idArgs[0]!;
    const selection = ['Boolean', 'String', 'Int', 'ID'].includes(getNamedType(field.type).name)
      ? ''
      : '{ __typename }';
    const query = `query($v: ID!) { ${field.name}(${arg.name}: $v) ${selection} }`;
    const random = randomUUID();
    const forSecret = JSON.stringify(await send(query, { v: secret.id })).replaceAll(secret.id, 'X');
    const forRandom = JSON.stringify(await send(query, { v: random })).replaceAll(random, 'X');
    if (forSecret !== forRandom) differences.push(`${field.name}: ${forSecret} ≠ ${forRandom}`);
  }
  return differences;
}

beforeAll(async () => {
  api = await createApiHarness();
  const { prisma } = api.db;
  people = await createInspectionFixtures(prisma, api.fixtures);
  const { units, users, password } = api.fixtures;
  // A commune merged into the target: its former head counts as one of the target's people.
  const oldId = randomUUID();
  const old = await prisma.unit.create({
    data: {
      id: oldId,
      code: 'ND-TN-CU',
      name: 'Xã Trực Cũ',
      level: 'COMMUNE',
      parentId: units.district.id,
      path: `${units.district.path}${oldId}/`,
      mergedIntoId: units.commune.id,
      mergedAt: new Date(),
    },
  });
  const formerHead = await prisma.user.create({
    data: {
      email: 'formerhead@test.demo',
      name: 'Lý Văn Cũ',
      passwordHash: (await prisma.user.findUniqueOrThrow({ where: { id: users.head.id } })).passwordHash,
      locale: 'vi',
      roles: { create: { role: 'UNIT_HEAD', unitId: old.id } },
    },
  });
  cookies.head = await api.login(users.head.email, password);
  cookies.staff = await api.login(people.staff.email, password);
  cookies.formerHead = await api.login(formerHead.email, password);
  cookies.steering = await api.login(users.steering.email, password);
  cookies.inspector = await api.login(people.inspector.email, password);

  const now = await today();
  // An announced inspection of the same commune, started, with a result and a finding: the crawl
  // reaches every inspection type through it, so a leak through any of them would show.
  const announced = await command<{ id: string }>(cookies.steering, PLAN, {
    requestId: randomUUID(),
    kind: 'ANNOUNCED',
    targetUnitId: units.commune.id,
    title: 'Kiểm tra định kỳ bộ phận một cửa',
    scheduledOn: wednesdayAfter(now, 1),
    inspectorIds: [people.inspector.id],
    checklist: ['Niêm yết công khai thủ tục hành chính', 'Sổ theo dõi hồ sơ'],
  });
  announcedId = announced.id;
  await command(
    cookies.inspector,
    `mutation($input: StartInspectionInput!) { startInspection(input: $input) { __typename } }`,
    { inspectionId: announcedId },
  );

  const day = wednesdayAfter(now, 40);
  const title = `Kiểm tra đột xuất ${randomUUID().slice(0, 8)}`;
  const surprise = await command<{ id: string; title: string; scheduledOn: string }>(cookies.steering, PLAN, {
    requestId: randomUUID(),
    kind: 'SURPRISE',
    targetUnitId: units.commune.id,
    title,
    windowStart: day,
    windowEnd: day,
    inspectorIds: [people.inspector.id],
    checklist: ['Giờ làm việc của cán bộ', 'Thái độ tiếp công dân'],
  });
  expect(surprise.scheduledOn).toBe(day);
  secret = { id: surprise.id, title, day };
}, 240_000);

afterAll(() => api?.close());

describe('a surprise inspection before it starts', () => {
  for (const who of ['head', 'staff', 'formerHead'] as const) {
    it(`is found by no query the target's ${who} can run`, async () => {
      const result = await crawl({
        schema,
        send: as(cookies[who]),
        seedIds: [secret.id, announcedId, api.fixtures.units.commune.id],
        today: await today(),
      });
      // The crawl did reach inspections (the announced one), so it looked where a leak would be.
      if (who !== 'formerHead') {
        expect(result.ids.has(announcedId), 'the crawl found the announced inspection').toBe(true);
      }
      expect(result.calls.length).toBeGreaterThan(20);
      expect(leaks(result.calls)).toEqual([]);
    }, 600_000);

    it(`answers the target's ${who} asking for it by ID exactly as for an ID that does not exist`, async () => {
      expect(await byIdDifferences(as(cookies[who]))).toEqual([]);
    }, 120_000);
  }

  it('is seen by the committee above the commune and by its inspector', async () => {
    for (const cookie of [cookies.steering, cookies.inspector]) {
      const result = await api.gql<{ inspection: { id: string; title: string } | null }>(
        `query($id: ID!) { inspection(id: $id) { id title } }`,
        { id: secret.id },
        { cookie },
      );
      expect(result.data?.inspection).toEqual({ id: secret.id, title: secret.title });
    }
  });
});

describe('the same surprise inspection once it has started', () => {
  beforeAll(async () => {
    // Move the test server's clock to 08:01 on its day: the workflow starts it by itself.
    const target = atVietnamTime(secret.day, 8).getTime() + 60_000;
    await api.env.sleep(Math.max(0, target - (await api.env.currentTimeMs())));
    const deadline = Date.now() + 60_000;
    for (;;) {
      const row = await api.db.prisma.inspection.findUniqueOrThrow({ where: { id: secret.id } });
      if (row.status === 'IN_PROGRESS') break;
      if (Date.now() > deadline) throw new Error(`still ${row.status}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 120_000);

  for (const who of ['head', 'staff'] as const) {
    it(`is found by the target's ${who}`, async () => {
      const result = await crawl({
        schema,
        send: as(cookies[who]),
        seedIds: [api.fixtures.units.commune.id],
        today: await today(),
      });
      expect(leaks(result.calls).some((leak) => leak.includes(secret.id))).toBe(true);
      const direct = await api.gql<{ inspection: { id: string; status: string } | null }>(
        `query($id: ID!) { inspection(id: $id) { id status } }`,
        { id: secret.id },
        { cookie: cookies[who] },
      );
      expect(direct.data?.inspection).toEqual({ id: secret.id, status: 'IN_PROGRESS' });
    }, 600_000);
  }
});
