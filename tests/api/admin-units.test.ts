// The administrator's unit tree through the API (real PostgreSQL, the Temporal test server and a
// worker): create, rename / recode, move with the subtree's paths, every refusal, and a merger
// from its preview to the merged commune's head reporting on the moved task under the successor.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../api/src/passwords.ts';
import type { Role } from '../../prisma/client.ts';
import { createApiHarness } from '../helpers/api.ts';
import { createIssuedPlan } from '../helpers/fixtures.ts';

let api: Awaited<ReturnType<typeof createApiHarness>>;
let admin: string;
let provinceAdmin: string;
let steering: string;

async function person(key: string, role: Role, unitId: string, locale = 'en') {
  const user = await api.db.prisma.user.create({
    data: {
      email: `${key}@admin-units.demo`,
      name: `Người ${key}`,
      passwordHash: await hashPassword(api.fixtures.password),
      locale,
      roles: { create: { role, unitId } },
    },
  });
  return { user, cookie: await api.login(user.email) };
}

beforeAll(async () => {
  api = await createApiHarness();
  admin = (await person('admin', 'ADMIN', api.fixtures.units.district.id)).cookie;
  provinceAdmin = (await person('padmin', 'ADMIN', api.fixtures.units.province.id)).cookie;
  steering = await api.login(api.fixtures.users.steering.email);
});
afterAll(() => api?.close());

const ANSWER = `__typename
  ... on Error { message }
  ... on AdminRefusedError { reason field }
  ... on InvalidInputError { issues { field message } }
  ... on NotFoundError { field }`;

const CREATE = `mutation($input: CreateUnitInput!) { createUnit(input: $input) { ${ANSWER} ... on AdminUnit { id code name level depth parent { id } } } }`;
const UPDATE = `mutation($input: UpdateUnitInput!) { updateUnit(input: $input) { ${ANSWER} ... on AdminUnit { id code name level } } }`;
const MOVE = `mutation($input: MoveUnitInput!) { moveUnit(input: $input) { ${ANSWER} ... on AdminUnit { id parent { id } } } }`;
const PREVIEW = `query($from: ID!, $to: ID!) { unitMergerPreview(fromUnitId: $from, toUnitId: $to) { ${ANSWER}
  ... on MergerPreview { openTaskCount openCorrectiveCount inspectionsStaying openTasks { id title } people { name role } } } }`;
const MERGE = `mutation($input: MergeUnitsInput!) { mergeUnits(input: $input) { ${ANSWER} ... on UnitMerger { tasksMoved done } } }`;

type Answer = Record<string, unknown> & { __typename: string };
const answer = (result: { data?: Record<string, unknown> }, field: string): Answer => {
  expect(result.data?.[field], JSON.stringify(result)).toBeTruthy();
  return result.data?.[field] as Answer;
};

async function create(input: Record<string, unknown>, cookie = admin) {
  return answer(await api.gql(CREATE, { input }, { cookie }), 'createUnit');
}

describe('units', () => {
  it('creates a commune under the district, renames it, changes its code and level; each change is audited', async () => {
    const { district } = api.fixtures.units;
    const created = await create({
      name: 'Xã Trực Hùng',
      code: 'ND-TN-TH',
      level: 'COMMUNE',
      parentId: district.id,
    });
    expect(created).toMatchObject({
      __typename: 'AdminUnit',
      code: 'ND-TN-TH',
      depth: 2,
      parent: { id: district.id },
    });
    const row = await api.db.prisma.unit.findUniqueOrThrow({ where: { id: created.id as string } });
    expect(row.path).toBe(`${district.path}${row.id}/`);

    const updated = answer(
      await api.gql(
        UPDATE,
        { input: { id: row.id, name: 'Phường Trực Hùng', code: 'ND-TN-TH2', level: 'WARD' } },
        { cookie: admin },
      ),
      'updateUnit',
    );
    expect(updated).toMatchObject({ name: 'Phường Trực Hùng', code: 'ND-TN-TH2', level: 'WARD' });
    const audit = await api.db.prisma.auditEvent.findMany({
      where: { entityId: row.id },
      orderBy: { at: 'asc' },
    });
    expect(audit.map((event) => event.action)).toEqual(['unit.created', 'unit.updated']);
    expect(audit[1]!.before).toMatchObject({ name: 'Xã Trực Hùng', code: 'ND-TN-TH' });
  });

  it('refuses a code in use, naming it, for a new unit and a changed one (in Vietnamese too)', async () => {
    const { district, commune, town } = api.fixtures.units;
    expect(
      await create({ name: 'Xã Trùng', code: 'ND-TN-PD', level: 'COMMUNE', parentId: district.id }),
    ).toMatchObject({
      __typename: 'AdminRefusedError',
      reason: 'CODE_TAKEN',
      field: 'code',
      message: 'The unit code “ND-TN-PD” is already used by another unit; choose another code.',
    });
    const viAdmin = (await person('viadmin', 'ADMIN', api.fixtures.units.district.id, 'vi')).cookie;
    const vi = await api.gql(UPDATE, { input: { id: town.id, code: commune.code } }, { cookie: viAdmin });
    expect(answer(vi, 'updateUnit')).toMatchObject({
      reason: 'CODE_TAKEN',
      message: 'Mã đơn vị “ND-TN-PD” đã được dùng cho một đơn vị khác; hãy chọn mã khác.',
    });
  });

  it('refuses bad input next to its field: empty name, a code with spaces or accents, an unknown or outside parent', async () => {
    const { district, otherDistrict } = api.fixtures.units;
    expect(await create({ name: '  ', code: 'OK-1', level: 'COMMUNE', parentId: district.id })).toMatchObject(
      {
        __typename: 'InvalidInputError',
        issues: [{ field: 'name', message: 'Enter a name (at most 200 characters).' }],
      },
    );
    for (const code of ['xã-1', 'A B', '', 'X'.repeat(41)]) {
      expect(
        await create({ name: 'Xã Mã Sai', code, level: 'COMMUNE', parentId: district.id }),
      ).toMatchObject({
        __typename: 'InvalidInputError',
        issues: [{ field: 'code' }],
      });
    }
    expect(
      await create({ name: 'Xã Ma', code: 'GHOST', level: 'COMMUNE', parentId: randomUUID() }),
    ).toMatchObject({
      __typename: 'NotFoundError',
      field: 'parentId',
    });
    // The other district lies outside the district administrator's subtree: unknown to them.
    expect(
      await create({ name: 'Xã Ngoài', code: 'OUT-1', level: 'COMMUNE', parentId: otherDistrict.id }),
    ).toMatchObject({
      __typename: 'NotFoundError',
      field: 'parentId',
    });
    const nothing = await api.gql(UPDATE, { input: { id: randomUUID(), name: 'X' } }, { cookie: admin });
    expect(answer(nothing, 'updateUnit')).toMatchObject({ __typename: 'NotFoundError', field: 'id' });
  });

  it('moves a unit with its subtree (every path rewritten) and refuses a cycle', async () => {
    const { province, otherDistrict } = api.fixtures.units;
    const a = await create(
      { name: 'Huyện Thử', code: 'MV-A', level: 'DISTRICT', parentId: province.id },
      provinceAdmin,
    );
    const b = await create({ name: 'Xã Thử', code: 'MV-B', level: 'COMMUNE', parentId: a.id }, provinceAdmin);
    const c = await create(
      { name: 'Thôn Thử', code: 'MV-C', level: 'AGENCY', parentId: b.id },
      provinceAdmin,
    );

    const moved = answer(
      await api.gql(MOVE, { input: { id: b.id, parentId: otherDistrict.id } }, { cookie: provinceAdmin }),
      'moveUnit',
    );
    expect(moved).toMatchObject({ __typename: 'AdminUnit', parent: { id: otherDistrict.id } });
    const paths = await api.db.prisma.unit.findMany({
      where: { id: { in: [b.id as string, c.id as string] } },
    });
    const byId = new Map(paths.map((unit) => [unit.id, unit.path]));
    const [bId, cId] = [String(b.id), String(c.id)];
    expect(byId.get(bId)).toBe(`${otherDistrict.path}${bId}/`);
    expect(byId.get(cId)).toBe(`${otherDistrict.path}${bId}/${cId}/`);

    const cycle = answer(
      await api.gql(MOVE, { input: { id: b.id, parentId: c.id } }, { cookie: provinceAdmin }),
      'moveUnit',
    );
    expect(cycle).toMatchObject({ reason: 'CYCLE', field: 'parentId' });
    const self = answer(
      await api.gql(MOVE, { input: { id: b.id, parentId: b.id } }, { cookie: provinceAdmin }),
      'moveUnit',
    );
    expect(self).toMatchObject({ reason: 'CYCLE' });
    // The district's administrator cannot move into (or out of) the other district.
    const outside = answer(
      await api.gql(
        MOVE,
        { input: { id: api.fixtures.units.town.id, parentId: otherDistrict.id } },
        { cookie: admin },
      ),
      'moveUnit',
    );
    expect(outside).toMatchObject({ __typename: 'NotFoundError', field: 'parentId' });
    expect(
      (
        await api.db.prisma.auditEvent.findFirstOrThrow({
          where: { entityId: b.id as string, action: 'unit.moved' },
        })
      ).after,
    ).toMatchObject({ parentId: otherDistrict.id });
  });

  it('lists and searches the units the administrator keeps, in pages', async () => {
    const list = await api.gql<{ adminUnits: { totalCount: number; edges: { node: { code: string } }[] } }>(
      `{ adminUnits(first: 2, search: "nd-tn") { totalCount edges { node { code } } } }`,
      {},
      { cookie: admin },
    );
    expect(list.data?.adminUnits.edges.map((edge) => edge.node.code)).toEqual(['ND-TN', expect.any(String)]);
    expect(list.data?.adminUnits.totalCount).toBeGreaterThanOrEqual(3);
    const codes = await api.gql<{ adminUnits: { edges: { node: { code: string } }[] } }>(
      `{ adminUnits(first: 100) { edges { node { code } } } }`,
      {},
      { cookie: admin },
    );
    const seen = codes.data!.adminUnits.edges.map((edge) => edge.node.code);
    expect(seen).toContain('ND-TN-PD');
    expect(seen).not.toContain('ND-HH');
    expect(seen).not.toContain('ND');
  });
});

describe('merger', () => {
  it('previews what moves, merges through the workflow, and the merged commune’s head reports on the moved task under the successor', async () => {
    const { prisma } = api.db;
    const { district } = api.fixtures.units;
    const from = await create({
      name: 'Xã Sáp Nhập',
      code: 'MG-FROM',
      level: 'COMMUNE',
      parentId: district.id,
    });
    const to = await create({ name: 'Xã Tiếp Nhận', code: 'MG-TO', level: 'COMMUNE', parentId: district.id });
    const head = await person('mergedhead', 'UNIT_HEAD', from.id as string);
    const planId = await createIssuedPlan(prisma, api.fixtures);
    const created = await api.gql<{ createTask: { id: string } }>(
      `mutation($input: CreateTaskInput!) { createTask(input: $input) { __typename ... on Task { id } ... on Error { message } } }`,
      {
        input: {
          requestId: randomUUID(),
          planId,
          areaId: api.fixtures.area.id,
          assigneeUnitId: from.id,
          title: 'Số hoá hồ sơ một cửa',
          dueDate: '2099-06-30',
        },
      },
      { cookie: steering },
    );
    const taskId = created.data!.createTask.id;
    expect(taskId).toBeTruthy();

    const preview = answer(
      await api.gql(PREVIEW, { from: from.id, to: to.id }, { cookie: admin }),
      'unitMergerPreview',
    );
    expect(preview).toMatchObject({
      __typename: 'MergerPreview',
      openTaskCount: 1,
      openCorrectiveCount: 0,
      inspectionsStaying: 0,
      openTasks: [{ id: taskId, title: 'Số hoá hồ sơ một cửa' }],
      people: [{ name: 'Người mergedhead', role: 'UNIT_HEAD' }],
    });
    // The preview changed nothing.
    expect(
      (await prisma.unit.findUniqueOrThrow({ where: { id: from.id as string } })).mergedIntoId,
    ).toBeNull();

    const merged = answer(
      await api.gql(
        MERGE,
        { input: { fromUnitId: from.id, toUnitId: to.id, reason: 'Nghị quyết 1234/NQ-UBTVQH15' } },
        { cookie: admin },
      ),
      'mergeUnits',
    );
    expect(merged).toMatchObject({ __typename: 'UnitMerger', tasksMoved: 1, done: true });
    expect((await prisma.task.findUniqueOrThrow({ where: { id: taskId } })).assigneeUnitId).toBe(to.id);
    expect(
      await prisma.roleAssignment.count({
        where: { userId: head.user.id, role: 'UNIT_HEAD', unitId: to.id as string },
      }),
    ).toBe(1);

    // The former head finds the task and reports on it for the successor.
    const seen = await api.gql<{ task: { id: string; assigneeUnit: { id: string } } | null }>(
      `query($id: ID!) { task(id: $id) { id assigneeUnit { id } } }`,
      { id: taskId },
      { cookie: head.cookie },
    );
    expect(seen.data?.task).toEqual({ id: taskId, assigneeUnit: { id: to.id } });
    const report = await api.gql<{ reportProgress: { __typename: string } }>(
      `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { __typename ... on Error { message } } }`,
      { input: { taskId, percent: 20, note: 'Đã số hoá 20 % hồ sơ' } },
      { cookie: head.cookie },
    );
    expect(report.data?.reportProgress).toEqual({ __typename: 'Task' });

    // Sending it again finds the first merger; merging into the merged unit is refused.
    const again = answer(
      await api.gql(
        MERGE,
        { input: { fromUnitId: from.id, toUnitId: to.id, reason: 'lần nữa' } },
        { cookie: admin },
      ),
      'mergeUnits',
    );
    expect(again).toMatchObject({ __typename: 'UnitMerger', done: true });
    expect(
      await prisma.auditEvent.count({ where: { entityId: from.id as string, action: 'unit.merged' } }),
    ).toBe(1);
    const intoMerged = answer(
      await api.gql(PREVIEW, { from: to.id, to: from.id }, { cookie: admin }),
      'unitMergerPreview',
    );
    expect(intoMerged).toMatchObject({ reason: 'UNIT_MERGED', field: 'toUnitId' });
    // A merged unit takes no new role and no move.
    const moveMerged = answer(
      await api.gql(MOVE, { input: { id: from.id, parentId: district.id } }, { cookie: admin }),
      'moveUnit',
    );
    expect(moveMerged).toMatchObject({ reason: 'UNIT_MERGED', field: 'id' });
  });

  it('refuses a merger into itself, into its own subtree, of a unit with live children, from outside, and without a reason', async () => {
    const { district, commune, otherCommune } = api.fixtures.units;
    const self = answer(
      await api.gql(PREVIEW, { from: commune.id, to: commune.id }, { cookie: admin }),
      'unitMergerPreview',
    );
    expect(self).toMatchObject({ reason: 'MERGE_INTO_SELF' });
    const parent = await create({ name: 'Cụm Thử', code: 'MG-P', level: 'AGENCY', parentId: district.id });
    const child = await create({ name: 'Tổ Thử', code: 'MG-C', level: 'AGENCY', parentId: parent.id });
    expect(
      answer(
        await api.gql(PREVIEW, { from: parent.id, to: child.id }, { cookie: admin }),
        'unitMergerPreview',
      ),
    ).toMatchObject({
      reason: 'MERGE_INTO_SELF',
    });
    expect(
      answer(
        await api.gql(PREVIEW, { from: parent.id, to: commune.id }, { cookie: admin }),
        'unitMergerPreview',
      ),
    ).toMatchObject({
      reason: 'HAS_CHILDREN',
      message: 'Cụm Thử still has units under it: move or merge them first.',
    });
    expect(
      answer(
        await api.gql(PREVIEW, { from: commune.id, to: otherCommune.id }, { cookie: admin }),
        'unitMergerPreview',
      ),
    ).toMatchObject({
      __typename: 'NotFoundError',
      field: 'toUnitId',
    });
    const noReason = answer(
      await api.gql(
        MERGE,
        { input: { fromUnitId: child.id, toUnitId: commune.id, reason: ' ' } },
        { cookie: admin },
      ),
      'mergeUnits',
    );
    expect(noReason).toMatchObject({ __typename: 'InvalidInputError', issues: [{ field: 'reason' }] });
  });

  it('refuses a merger that would move tasks of a plan issued above the administrator', async () => {
    const { prisma } = api.db;
    const { district, province } = api.fixtures.units;
    const from = await create({
      name: 'Xã Tỉnh Giao',
      code: 'MG-PROV',
      level: 'COMMUNE',
      parentId: district.id,
    });
    const to = await create({
      name: 'Xã Nhận Hai',
      code: 'MG-PROV2',
      level: 'COMMUNE',
      parentId: district.id,
    });
    await prisma.reformPlan.create({
      data: {
        title: 'Kế hoạch tỉnh',
        year: 2099,
        issuingUnitId: province.id,
        status: 'ISSUED',
        createdById: api.fixtures.users.steering.id,
        tasks: {
          create: {
            areaId: api.fixtures.area.id,
            assigneeUnitId: from.id as string,
            title: 'Nhiệm vụ của tỉnh',
            dueDate: new Date('2099-06-30T00:00:00Z'),
            createdById: api.fixtures.users.steering.id,
          },
        },
      },
    });
    expect(
      answer(await api.gql(PREVIEW, { from: from.id, to: to.id }, { cookie: admin }), 'unitMergerPreview'),
    ).toMatchObject({
      reason: 'TASKS_BEYOND_REACH',
    });
    // The province's administrator reaches the plan's issuer: for them the preview answers.
    expect(
      answer(
        await api.gql(PREVIEW, { from: from.id, to: to.id }, { cookie: provinceAdmin }),
        'unitMergerPreview',
      ),
    ).toMatchObject({ __typename: 'MergerPreview', openTaskCount: 1 });
  });
});
