// Criteria sets administered through the API: the list and one set's tree, a copy to another
// year, edits while unpublished (names, points, method, criteria and sub-criteria added and
// removed) with every refusal typed, publication (after which only a copy can change), and who
// may do it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../api/src/passwords.ts';
import { createApiHarness } from '../helpers/api.ts';

let api: Awaited<ReturnType<typeof createApiHarness>>;
let admin: string;
let districtAdmin: string;
let head: string;
let setId: string;
let ids: { parent: string; childA: string; childB: string; other: string };

beforeAll(async () => {
  api = await createApiHarness();
  const passwordHash = await hashPassword(api.fixtures.password);
  const person = (key: string, unitId: string) =>
    api.db.prisma.user.create({
      data: {
        email: `${key}@test.demo`,
        name: key,
        passwordHash,
        locale: 'en',
        roles: { create: { role: 'ADMIN', unitId } },
      },
    });
  await person('crit-admin', api.fixtures.units.province.id);
  await person('crit-district-admin', api.fixtures.units.district.id);
  admin = await api.login('crit-admin@test.demo');
  districtAdmin = await api.login('crit-district-admin@test.demo');
  head = await api.login(api.fixtures.users.head.email);

  const set = await api.db.prisma.criteriaSet.create({
    data: { year: 2025, level: 'COMMUNE', name: 'Chỉ số CCHC cấp xã 2025', maxPoints: 20 },
  });
  setId = set.id;
  const criterion = (code: string, maxPoints: number, sortOrder: number, parentId: string | null = null) =>
    api.db.prisma.criterion.create({
      data: {
        criteriaSetId: set.id,
        areaId: api.fixtures.area.id,
        parentId,
        code,
        nameVi: `Tiêu chí ${code}`,
        nameEn: `Criterion ${code}`,
        maxPoints,
        method: 'SELF_ASSESSED',
        sortOrder,
      },
    });
  const parent = await criterion('6', 10, 1);
  const childA = await criterion('6.1', 4, 1, parent.id);
  const childB = await criterion('6.2', 5, 2, parent.id);
  const other = await criterion('7', 8, 2);
  ids = { parent: parent.id, childA: childA.id, childB: childB.id, other: other.id };
});
afterAll(() => api?.close());

const SET_FIELDS = `id year level name maxPoints publishedAt canEdit canCopy
  criteria { id code nameVi nameEn maxPoints method area { code } children { id code maxPoints method } }`;
const ANSWER = `__typename
  ... on CriteriaSet { ${SET_FIELDS} }
  ... on CalendarRefusedError { reason field message }
  ... on InvalidInputError { message issues { field message } }
  ... on NotFoundError { field message }`;

interface Criterion {
  id: string;
  code: string;
  nameVi: string;
  maxPoints: number;
  method: string;
  children: { id: string; code: string; maxPoints: number }[];
}
type Answer = Record<string, unknown> & { __typename: string; criteria?: Criterion[] };

async function run(mutation: string, args: string, variables: Record<string, unknown>, cookie = admin) {
  const result = await api.gql<Record<string, Answer>>(
    `mutation(${args}) { answer: ${mutation} { ${ANSWER} } }`,
    variables,
    { cookie },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.answer!;
}
const update = (input: Record<string, unknown>, cookie = admin) =>
  run('updateCriterion(input: $input)', '$input: UpdateCriterionInput!', { input }, cookie);
const add = (input: Record<string, unknown>) =>
  run('addCriterion(input: $input)', '$input: AddCriterionInput!', {
    input: {
      criteriaSetId: setId,
      nameVi: 'Tiêu chí mới',
      nameEn: 'New criterion',
      maxPoints: 1,
      method: 'COMPUTED',
      ...input,
    },
  });
const remove = (id: string) => run('removeCriterion(id: $id)', '$id: ID!', { id });
const copy = (fromId: string, toYear: number, cookie = admin) =>
  run(
    'copyCriteriaSet(input: $input)',
    '$input: CopyCriteriaSetInput!',
    { input: { fromId, toYear } },
    cookie,
  );
const publish = (id: string) => run('publishCriteriaSet(id: $id)', '$id: ID!', { id });

describe('criteria sets: view and copy', () => {
  it('lists the sets and shows one as a tree of criteria and sub-criteria', async () => {
    const list = await api.gql<{ criteriaSets: { id: string; year: number }[] }>(
      `{ criteriaSets(level: COMMUNE) { id year } }`,
      {},
      { cookie: admin },
    );
    expect(list.data!.criteriaSets).toContainEqual({ id: setId, year: 2025 });
    const one = await api.gql<{ criteriaSet: Answer }>(
      `query($id: ID!) { criteriaSet(id: $id) { ${SET_FIELDS} } }`,
      { id: setId },
      { cookie: admin },
    );
    expect(one.data!.criteriaSet).toMatchObject({
      year: 2025,
      level: 'COMMUNE',
      maxPoints: 20,
      publishedAt: null,
      canEdit: true,
      canCopy: true,
    });
    expect(
      one.data!.criteriaSet.criteria!.map((c) => [
        c.code,
        c.maxPoints,
        c.children.map((child) => child.code),
      ]),
    ).toEqual([
      ['6', 10, ['6.1', '6.2']],
      ['7', 8, []],
    ]);
  });

  it('copies a set to another year with its whole tree, once per year and level', async () => {
    const copied = await copy(setId, 2030);
    expect(copied).toMatchObject({
      __typename: 'CriteriaSet',
      year: 2030,
      level: 'COMMUNE',
      name: 'Chỉ số CCHC cấp xã 2030',
      publishedAt: null,
    });
    expect(
      copied.criteria!.map((c) => [
        c.code,
        c.maxPoints,
        c.children.map((child) => [child.code, child.maxPoints]),
      ]),
    ).toEqual([
      [
        '6',
        10,
        [
          ['6.1', 4],
          ['6.2', 5],
        ],
      ],
      ['7', 8, []],
    ]);
    expect(copied.criteria![0]!.id).not.toBe(ids.parent);
    expect(await copy(setId, 2030)).toMatchObject({
      __typename: 'CalendarRefusedError',
      reason: 'YEAR_TAKEN',
      field: 'toYear',
    });
    expect(await copy(setId, 1999)).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: 'toYear', message: 'The year must be from 2000 to 2100.' }],
    });
    expect(await copy('nope', 2031)).toMatchObject({ __typename: 'NotFoundError', field: 'fromId' });
    expect(await api.db.prisma.criteriaSet.count({ where: { year: 2031 } })).toBe(0);
  });
});

describe('criteria sets: editing while unpublished', () => {
  it('changes a criterion’s names, points and method', async () => {
    const answer = await update({
      id: ids.childA,
      nameVi: ' Công khai thủ tục ',
      nameEn: 'Procedures published',
      maxPoints: 4.5,
      method: 'COMPUTED',
    });
    const child = answer.criteria![0]!.children.find((c) => c.id === ids.childA);
    expect(child).toMatchObject({ maxPoints: 4.5, method: 'COMPUTED' });
    const row = await api.db.prisma.criterion.findUniqueOrThrow({ where: { id: ids.childA } });
    expect(row.nameVi).toBe('Công khai thủ tục');
    expect(
      await api.db.prisma.auditEvent.count({ where: { entityId: setId, action: 'criterion.updated' } }),
    ).toBe(1);
  });

  it('refuses points that break the sums, negative or too precise points, and empty names', async () => {
    // 4.5 + 6 > 10: the sub-criteria would be worth more than their parent.
    expect(await update({ id: ids.childB, maxPoints: 6 })).toMatchObject({
      __typename: 'CalendarRefusedError',
      reason: 'OVER_PARENT',
      message: 'The sub-criteria’s maximum points add up to more than their parent’s maximum.',
    });
    // The parent lowered below its sub-criteria's 9.5.
    expect(await update({ id: ids.parent, maxPoints: 9 })).toMatchObject({ reason: 'OVER_PARENT' });
    // 10 + 11 > the set's 20.
    expect(await update({ id: ids.other, maxPoints: 11 })).toMatchObject({ reason: 'OVER_SET' });
    for (const maxPoints of [-1, 1.234, 1001]) {
      expect(await update({ id: ids.other, maxPoints })).toMatchObject({
        __typename: 'InvalidInputError',
        issues: [
          {
            field: 'maxPoints',
            message: 'Maximum points must be a number from 0 to 1000, with at most two decimals.',
          },
        ],
      });
    }
    expect(await update({ id: ids.other, nameEn: '  ' })).toMatchObject({ __typename: 'InvalidInputError' });
    expect(await update({ id: 'nope', maxPoints: 1 })).toMatchObject({
      __typename: 'NotFoundError',
      field: 'id',
    });
    const rows = await api.db.prisma.criterion.findMany({
      where: { id: { in: [ids.parent, ids.childB, ids.other] } },
    });
    expect(rows.map((row) => Number(row.maxPoints)).sort((a, b) => a - b)).toEqual([5, 8, 10]);
  });

  it('adds a criterion and a sub-criterion; refuses a third level, a code in use and too many points', async () => {
    const added = await add({ code: '8', maxPoints: 1.5 });
    expect(added.criteria!.map((c) => c.code)).toEqual(['6', '7', '8']);
    const sub = await add({ parentId: ids.parent, code: '6.3', maxPoints: 0.5 });
    expect(sub.criteria![0]!.children.map((c) => c.code)).toEqual(['6.1', '6.2', '6.3']);
    const subId = sub.criteria![0]!.children[2]!.id;
    expect(await add({ parentId: subId, code: '6.3.1' })).toMatchObject({
      reason: 'TOO_DEEP',
      field: 'parentId',
    });
    expect(await add({ code: '7' })).toMatchObject({ reason: 'CODE_TAKEN', field: 'code' });
    expect(await add({ parentId: ids.parent, code: '6.4', maxPoints: 0.5 })).toMatchObject({
      reason: 'OVER_PARENT',
    });
    expect(await add({ code: 'x y' })).toMatchObject({ __typename: 'InvalidInputError' });
    expect(await add({ code: '9', nameVi: '' })).toMatchObject({ __typename: 'InvalidInputError' });
  });

  it('removes a criterion without sub-criteria that nothing uses', async () => {
    expect(await remove(ids.parent)).toMatchObject({ reason: 'HAS_CHILDREN' });
    await api.db.prisma.task.create({
      data: {
        planId: api.fixtures.plan.id,
        areaId: api.fixtures.area.id,
        criterionId: ids.childB,
        assigneeUnitId: api.fixtures.units.commune.id,
        title: 'Nhiệm vụ theo tiêu chí 6.2',
        dueDate: new Date('2026-12-31T00:00:00Z'),
        createdById: api.fixtures.users.steering.id,
      },
    });
    expect(await remove(ids.childB)).toMatchObject({ reason: 'IN_USE' });
    const eight = await api.db.prisma.criterion.findFirstOrThrow({
      where: { criteriaSetId: setId, code: '8' },
    });
    const answer = await remove(eight.id);
    expect(answer.criteria!.map((c) => c.code)).toEqual(['6', '7']);
  });
});

describe('criteria sets: publication and who may do what', () => {
  it('a district administrator reads the sets but may not change them; others may not read them', async () => {
    const read = await api.gql<{ criteriaSet: Answer }>(
      `query($id: ID!) { criteriaSet(id: $id) { canEdit canCopy } }`,
      { id: setId },
      { cookie: districtAdmin },
    );
    expect(read.data!.criteriaSet).toEqual({ canEdit: false, canCopy: false });
    expect(await update({ id: ids.other, nameEn: 'Mine' }, districtAdmin)).toMatchObject({
      reason: 'NOT_CALENDAR_ADMIN',
    });
    expect(await copy(setId, 2040, districtAdmin)).toMatchObject({ reason: 'NOT_CALENDAR_ADMIN' });
    const asHead = await api.gql(`{ criteriaSets { id } }`, {}, { cookie: head });
    expect(asHead.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await api.gql(`{ criteriaSets { id } }`);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('publishes a set; after that it is read-only and copied for the next year instead', async () => {
    const published = await publish(setId);
    expect(published).toMatchObject({ __typename: 'CriteriaSet', canEdit: false });
    expect(published.publishedAt).toEqual(expect.any(String));
    expect(await publish(setId)).toMatchObject({ reason: 'PUBLISHED' });
    expect(await update({ id: ids.other, nameEn: 'Changed' })).toMatchObject({
      reason: 'PUBLISHED',
      message:
        'This criteria set is published and can no longer be edited. Copy it to the next year and edit the copy.',
    });
    expect(await add({ code: '9' })).toMatchObject({ reason: 'PUBLISHED' });
    expect(await remove(ids.childA)).toMatchObject({ reason: 'PUBLISHED' });
    const next = await copy(setId, 2026);
    expect(next).toMatchObject({ __typename: 'CriteriaSet', year: 2026, publishedAt: null, canEdit: true });

    const empty = await api.db.prisma.criteriaSet.create({
      data: { year: 2026, level: 'WARD', name: 'Trống', maxPoints: 10 },
    });
    expect(await publish(empty.id)).toMatchObject({ reason: 'EMPTY' });
  });
});
