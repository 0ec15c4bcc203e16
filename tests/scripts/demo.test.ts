// The demo data of `npm start`: written into an empty database, then driven through the real
// workflows (Temporal test server, the real worker code) by scripts/lib/demo-drive.ts, and read
// through the real GraphQL API as the demo's personas see it on their first login.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceFilePath, sniffEvidenceType } from '../../api/src/evidence/storage.ts';
import { temporalCommands } from '../../api/src/temporal.ts';
import { createApi } from '../../api/src/yoga.ts';
import {
  CLOSED_INSPECTION_WORKING_DAYS_AGO,
  closedInspection,
  demoInspectionId,
  demoInspections,
  demoTemplateId,
  demoTemplates,
  minorRounds,
  selfInspection,
  surpriseInspection,
} from '../../prisma/demo-inspections.ts';
import { provincePlanId, provinceTaskId, provinceTasks } from '../../prisma/demo-namdinh.ts';
import { demoPlanId, demoTaskId, demoTasks } from '../../prisma/demo-trucninh.ts';
import { demoLogins, seedDemoData } from '../../prisma/seed.ts';
import { demoStepUpdateId, driveDemo } from '../../scripts/lib/demo-drive.ts';
import { createActivities } from '../../workflows/src/activities/index.ts';
import { WorkingCalendar, addDays } from '../../workflows/src/calendar.ts';
import {
  correctiveStateQuery,
  correctiveWorkflowId,
  inspectionStateQuery,
  inspectionWorkflowId,
  taskStateQuery,
  taskWorkflowId,
} from '../../workflows/src/contracts.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createTimeSkippingEnv, workflowBundle } from '../helpers/temporal.ts';

const taskQueue = `demo-test-${Math.random().toString(36).slice(2, 8)}`;
const evidenceRoot = mkdtempSync(path.join(os.tmpdir(), 'rt-demo-evidence-'));
let env: TestWorkflowEnvironment;
let db: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let yoga: ReturnType<typeof createApi>;
const previousEvidenceDir = process.env.RT_EVIDENCE_DIR;

async function gql<T>(query: string, variables: Record<string, unknown> = {}, cookie?: string) {
  const response = await yoga.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return {
    body: (await response.json()) as { data?: T; errors?: { message: string }[] },
    setCookie: response.headers.get('set-cookie'),
  };
}

/** Signs a demo persona in with the password the README prints. */
async function signIn(email: string): Promise<string> {
  const login = demoLogins.find((entry) => entry.email === email)!;
  const { setCookie, body } = await gql(
    'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { __typename } }',
    { email, password: login.password },
  );
  const cookie = setCookie?.split(';')[0];
  if (!cookie) throw new Error(`${email} could not sign in: ${JSON.stringify(body)}`);
  return cookie;
}

/** What the demo shows, to compare before and after a second run. */
async function snapshot() {
  const [audit, notifications, reports, evidence, tasks, inspections, checklist, findings, actions, rounds] =
    await Promise.all([
      db.prisma.auditEvent.count(),
      db.prisma.notification.count(),
      db.prisma.progressReport.count(),
      db.prisma.evidence.count(),
      db.prisma.task.findMany({
        where: { planId: { in: [demoPlanId, provincePlanId] } },
        orderBy: { id: 'asc' },
        select: { id: true, status: true, progress: true, escalationLevel: true, dueDate: true },
      }),
      db.prisma.inspection.findMany({
        orderBy: { id: 'asc' },
        select: { id: true, status: true, scheduledOn: true, visibleToTarget: true },
      }),
      db.prisma.checklistItem.count({ where: { result: { not: null } } }),
      db.prisma.finding.count(),
      db.prisma.correctiveAction.findMany({
        orderBy: { id: 'asc' },
        select: { id: true, status: true, round: true, dueDate: true, escalationLevel: true },
      }),
      db.prisma.correctiveRound.count(),
    ]);
  return {
    audit,
    notifications,
    reports,
    evidence,
    tasks,
    inspections,
    checklist,
    findings,
    actions,
    rounds,
  };
}

beforeAll(async () => {
  process.env.RT_EVIDENCE_DIR = evidenceRoot;
  [env, db] = await Promise.all([createTimeSkippingEnv(), createTestDatabase()]);
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities({ prisma: db.prisma, temporal: { client: env.client, taskQueue } }),
  });
  running = worker.run();
  await expect(seedDemoData(db.url)).resolves.toEqual({ seeded: true });
  await expect(driveDemo({ prisma: db.prisma, client: env.client, taskQueue })).resolves.toBe('driven');
  yoga = createApi({
    prisma: db.prisma,
    commands: temporalCommands(env.client, taskQueue),
    production: false,
  });
}, 240_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await db?.drop();
  rmSync(evidenceRoot, { recursive: true, force: true });
  if (previousEvidenceDir === undefined) delete process.env.RT_EVIDENCE_DIR;
  else process.env.RT_EVIDENCE_DIR = previousEvidenceDir;
});

describe('the demo data', () => {
  it("Trực Ninh's plan of the current year is issued, with a task in every state, each matching its workflow", async () => {
    const plan = await db.prisma.reformPlan.findUniqueOrThrow({ where: { id: demoPlanId } });
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect(plan.year).toBe(Number(today.slice(0, 4)));
    expect(plan.status).not.toBe('DRAFT');
    const rows = await db.prisma.task.findMany({
      where: { planId: demoPlanId },
      include: { extensions: { where: { status: 'REQUESTED' } } },
    });
    expect(rows).toHaveLength(demoTasks.length);
    expect(new Set(rows.map((row) => row.status))).toEqual(
      new Set(['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED', 'RETURNED', 'COMPLETED']),
    );
    for (const seed of demoTasks) {
      const row = rows.find((candidate) => candidate.id === demoTaskId(seed.key))!;
      expect({ key: seed.key, status: row.status, escalationLevel: row.escalationLevel }).toEqual({
        key: seed.key,
        status: seed.expected.status,
        escalationLevel: seed.expected.escalationLevel,
      });
      expect(row.extensions.length).toBe(seed.expected.extensionPending ? 1 : 0);
      expect(row.workflowStartedAt).not.toBeNull();
      const overdue = row.dueDate.toISOString().slice(0, 10) < today;
      expect(overdue).toBe(seed.dueIn < 0);
      if (row.status === 'COMPLETED') continue;
      // The running workflow holds the same state as the row: it takes the next command.
      const state = await env.client.workflow.getHandle(taskWorkflowId(row.id)).query(taskStateQuery);
      expect({ key: seed.key, status: state.status, progress: state.progress }).toEqual({
        key: seed.key,
        status: row.status,
        progress: row.progress,
      });
      expect(state.extension !== null).toBe(seed.expected.extensionPending === true);
    }
    // The past years are closed and give nobody anything to do.
    const past = await db.prisma.reformPlan.findMany({
      where: { year: { lt: plan.year } },
      include: { tasks: true },
    });
    expect(past.map((other) => [other.year, other.status]).sort()).toEqual([
      [2024, 'CLOSED'],
      [2025, 'CLOSED'],
    ]);
    const pastStatuses = new Set(past.flatMap((other) => other.tasks.map((task) => task.status)));
    // Only final statuses (a 2025 task was cancelled), and none of them ever had a workflow.
    expect([...pastStatuses].sort()).toEqual(['CANCELLED', 'COMPLETED', 'NOT_COMPLETED']);
    expect(past.flatMap((other) => other.tasks).filter((task) => task.workflowStartedAt)).toEqual([]);
  });

  it("Nam Định's provincial plan of the current year is taken over: Hải Hậu and Giao Thủy overdue and escalated", async () => {
    const tasks = await db.prisma.task.findMany({
      where: { planId: provincePlanId },
      include: { assigneeUnit: { select: { code: true } } },
    });
    expect(tasks).toHaveLength(provinceTasks.length);
    for (const seed of provinceTasks) {
      const row = tasks.find((task) => task.id === provinceTaskId(seed.key))!;
      expect({ key: seed.key, level: row.escalationLevel, started: row.workflowStartedAt !== null }).toEqual({
        key: seed.key,
        level: seed.escalationLevel,
        started: true,
      });
      const state = await env.client.workflow.getHandle(taskWorkflowId(row.id)).query(taskStateQuery);
      expect(state.status).toBe('ASSIGNED');
    }
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const late = tasks.filter((task) => task.dueDate.toISOString().slice(0, 10) < today);
    expect([...new Set(late.map((task) => task.assigneeUnit.code))].sort()).toEqual(['ND-GT', 'ND-HH']);
    // Taken over after the quarters that had ended: no snapshot or reminder for them.
    expect(await db.prisma.completionSnapshot.count({ where: { planId: provincePlanId } })).toBe(0);
    expect(
      await db.prisma.notification.count({
        where: { kind: 'plan.reportDue', link: `/plans/${provincePlanId}` },
      }),
    ).toBe(0);
  });

  it("the Phương Định head's my work starts with an overdue task and holds a new task and a returned one", async () => {
    const cookie = await signIn('head.phuongdinh@reform.demo');
    const { body } = await gql<{
      myWork: {
        counts: { overdue: number };
        edges: { node: { id: string; status: string; urgency: string } }[];
      };
      notifications: { edges: { node: { kind: string; body: string } }[] };
    }>(
      `{ myWork(first: 50) { counts { overdue } edges { node { id status urgency } } }
         notifications(first: 50) { edges { node { kind body } } } }`,
      {},
      cookie,
    );
    const work = body.data!.myWork;
    expect(work.edges[0]!.node.urgency).toBe('OVERDUE');
    expect(work.edges[0]!.node.id).toBe(demoTaskId('pd-digitise'));
    expect(work.counts.overdue).toBe(2);
    const statuses = work.edges.map((edge) => edge.node.status);
    expect(statuses).toContain('ASSIGNED');
    expect(statuses).toContain('RETURNED');
    const returned = body.data!.notifications.edges.find((edge) => edge.node.kind === 'task.returned');
    expect(returned?.node.body).toContain('Biên bản chưa nêu thời gian và chi phí tiết kiệm');
  });

  it("the Trực Ninh steering member's review queue holds completion reports and an extension request", async () => {
    const cookie = await signIn('steering@reform.demo');
    const { body } = await gql<{
      reviewQueue: { totalCount: number; counts: { reports: number; extensions: number } };
    }>('{ reviewQueue(first: 50) { totalCount counts { reports extensions } } }', {}, cookie);
    expect(body.data!.reviewQueue.counts).toEqual({ reports: 2, extensions: 1 });
  });

  it('the evidence files lie on disk under their SHA-256, of the type their rows say', async () => {
    const files = await db.prisma.evidence.findMany({
      include: { progressReport: true, finding: true, checklistItem: true, correctiveRound: true },
    });
    // 5 for tasks; photos of the closed inspection: 2 of checklist items, one per finding; one
    // per corrective round.
    expect(files.length).toBe(5 + 2 + 2 + 2);
    expect(new Set(files.map((file) => file.mimeType))).toEqual(new Set(['application/pdf', 'image/png']));
    for (const file of files) {
      const bytes = readFileSync(evidenceFilePath(evidenceRoot, file.sha256));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
      expect(bytes.byteLength).toBe(file.sizeBytes);
      expect((await sniffEvidenceType(bytes))?.mime).toBe(file.mimeType);
      // Attached to what it was uploaded for: a report of its task, a checklist item or a finding
      // of its inspection, a round of its corrective action.
      if (file.taskId) expect(file.progressReport?.taskId).toBe(file.taskId);
      else if (file.inspectionId) {
        expect(file.finding?.inspectionId ?? file.checklistItem?.inspectionId).toBe(file.inspectionId);
      } else expect(file.correctiveRound?.correctiveActionId).toBe(file.correctiveActionId);
    }
  });

  it('the closed inspection of Cát Thành: results, a MINOR action verified after one rejected round, a MAJOR one open and overdue', async () => {
    const id = demoInspectionId(closedInspection.key);
    const inspection = await db.prisma.inspection.findUniqueOrThrow({
      where: { id },
      include: {
        checklist: { orderBy: { sortOrder: 'asc' }, include: { evidence: true } },
        inspectors: { include: { user: true } },
        targetUnit: true,
        findings: {
          include: {
            evidence: true,
            correctiveAction: {
              include: { rounds: { orderBy: { number: 'asc' }, include: { evidence: true } } },
            },
          },
        },
      },
    });
    expect(inspection).toMatchObject({ kind: 'ANNOUNCED', status: 'CLOSED', visibleToTarget: true });
    expect(inspection.targetUnit.name).toBe('Thị trấn Cát Thành');
    expect(inspection.templateId).toBe(demoTemplateId(closedInspection.template));
    expect(inspection.inspectors.map((i) => [i.user.email, i.lead])).toEqual([
      ['inspector@reform.demo', true],
    ]);
    expect(inspection.checklist.map((item) => item.text)).toEqual(closedInspection.template.items);
    expect(inspection.checklist.map((item) => item.result)).toEqual(
      closedInspection.results.map((result) => result.result),
    );
    expect(inspection.checklist.map((item) => item.evidence.map((file) => file.fileName))).toEqual(
      closedInspection.results.map((result) => (result.photo ? [result.photo.fileName] : [])),
    );
    const holidays = await db.prisma.holiday.findMany({ select: { date: true } });
    const calendar = new WorkingCalendar(holidays.map((holiday) => holiday.date.toISOString().slice(0, 10)));
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect(inspection.scheduledOn?.toISOString().slice(0, 10)).toBe(
      calendar.addWorkingDays(today, -CLOSED_INSPECTION_WORKING_DAYS_AGO),
    );

    expect(inspection.findings).toHaveLength(2);
    for (const finding of inspection.findings) {
      expect(finding.requiresCorrection).toBe(true);
      expect(finding.evidence.map((file) => file.mimeType)).toEqual(['image/png']);
    }
    const minor = inspection.findings.find((finding) => finding.severity === 'MINOR')!.correctiveAction!;
    expect(minor).toMatchObject({ status: 'VERIFIED', round: 2 });
    expect(minor.rounds.map((round) => [round.number, round.verdict, round.verdictReason])).toEqual([
      [1, 'RETURNED', minorRounds.rejection],
      [2, 'ACCEPTED', minorRounds.verification],
    ]);
    expect(minor.rounds.map((round) => round.evidence.length)).toEqual([1, 1]);

    const major = inspection.findings.find((finding) => finding.severity === 'MAJOR')!.correctiveAction!;
    expect(major.status).toBe('OPEN');
    expect(major.rounds).toHaveLength(0);
    const due = major.dueDate.toISOString().slice(0, 10);
    expect(due < today).toBe(true);
    // Its running workflow holds the same due date: it escalates and takes the unit's answer.
    const state = await env.client.workflow
      .getHandle(correctiveWorkflowId(major.id))
      .query(correctiveStateQuery);
    expect({ status: state.status, dueDate: state.dueDate }).toEqual({ status: 'OPEN', dueDate: due });
  });

  it('the self inspection of Trung Đông is in progress with some results; the surprise one of Phương Định is planned 10 to 30 days ahead, hidden from the commune', async () => {
    const self = await db.prisma.inspection.findUniqueOrThrow({
      where: { id: demoInspectionId(selfInspection.key) },
      include: { checklist: true, targetUnit: true },
    });
    expect(self).toMatchObject({ kind: 'SELF', status: 'IN_PROGRESS' });
    expect(self.targetUnit.name).toBe('Xã Trung Đông');
    expect(self.templateId).toBe(demoTemplateId(selfInspection.template));
    const recorded = self.checklist.filter((item) => item.result !== null);
    expect(recorded.length).toBe(selfInspection.results.length);
    expect(recorded.length).toBeLessThan(self.checklist.length);

    const surprise = await db.prisma.inspection.findUniqueOrThrow({
      where: { id: demoInspectionId(surpriseInspection.key) },
      include: { targetUnit: true, inspectors: { include: { user: true } } },
    });
    expect(surprise).toMatchObject({ kind: 'SURPRISE', status: 'PLANNED', visibleToTarget: false });
    expect(surprise.targetUnit.name).toBe('Xã Phương Định');
    expect(surprise.inspectors.map((i) => i.user.email)).toEqual(['inspector@reform.demo']);
    const written = new Date(surprise.createdAt.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    const iso = (date: Date | null) => date!.toISOString().slice(0, 10);
    const start = iso(surprise.windowStart);
    expect(start >= addDays(written, 10) && start <= addDays(written, 30)).toBe(true);
    expect(iso(surprise.windowEnd) >= start && iso(surprise.windowEnd) <= addDays(written, 30)).toBe(true);
    const day = iso(surprise.scheduledOn);
    expect(day >= start && day <= iso(surprise.windowEnd)).toBe(true);
    // The workflow holds it hidden and waiting for its day.
    const state = await env.client.workflow
      .getHandle(inspectionWorkflowId(surprise.id))
      .query(inspectionStateQuery);
    expect(state).toMatchObject({ status: 'PLANNED', visibleToTarget: false, scheduledOn: day });
    // Nobody of Phương Định has been told anything about it.
    const commune = await db.prisma.roleAssignment.findMany({
      where: { unitId: surprise.targetUnitId },
      select: { userId: true },
    });
    const told = await db.prisma.notification.count({
      where: { userId: { in: commune.map((role) => role.userId) }, link: { contains: surprise.id } },
    });
    expect(told).toBe(0);
    // The planner has two templates to choose from.
    const templates = await db.prisma.checklistTemplate.findMany({ orderBy: { name: 'asc' } });
    expect(templates.map((template) => template.name).sort()).toEqual(
      demoTemplates.map((template) => template.name).sort(),
    );
  });

  it('through the API: the inspector finds the surprise inspection, the Phương Định head does not; the MAJOR action is overdue', async () => {
    const surpriseId = demoInspectionId(surpriseInspection.key);
    const query = `query($id: ID!) {
      inspection(id: $id) { id status kind }
      inspections(first: 50) { edges { node { id } } }
    }`;
    type Answer = {
      inspection: { id: string; status: string } | null;
      inspections: { edges: { node: { id: string } }[] };
    };
    const asInspector = await gql<Answer>(query, { id: surpriseId }, await signIn('inspector@reform.demo'));
    expect(asInspector.body.data?.inspection).toMatchObject({ id: surpriseId, status: 'PLANNED' });
    expect(asInspector.body.data?.inspections.edges.map((edge) => edge.node.id)).toEqual(
      expect.arrayContaining(demoInspections.map((inspection) => demoInspectionId(inspection.key))),
    );
    for (const email of ['head.phuongdinh@reform.demo', 'staff.phuongdinh@reform.demo']) {
      const { body } = await gql<Answer>(query, { id: surpriseId }, await signIn(email));
      expect(body.errors).toBeUndefined();
      expect(body.data?.inspection).toBeNull();
      expect(body.data?.inspections.edges.map((edge) => edge.node.id)).not.toContain(surpriseId);
    }
    const { body } = await gql<{
      correctiveActions: { edges: { node: { severity: string; status: string; overdue: boolean } }[] };
    }>(
      `{ correctiveActions(first: 50, filter: { overdue: true }) { edges { node { severity status overdue } } } }`,
      {},
      await signIn('steering@reform.demo'),
    );
    expect(body.data?.correctiveActions.edges.map((edge) => edge.node)).toEqual([
      { severity: 'MAJOR', status: 'OPEN', overdue: true },
    ]);
  });

  it('a seeded task takes a command: the Phương Định head accepts the new task', async () => {
    const cookie = await signIn('head.phuongdinh@reform.demo');
    const { body } = await gql<{ acceptTask: { __typename: string; status?: string } }>(
      `mutation($input: AcceptTaskInput!) {
         acceptTask(input: $input) { __typename ... on Task { status } ... on Error { message } }
       }`,
      { input: { taskId: demoTaskId('pd-hotline') } },
      cookie,
    );
    expect(body.data?.acceptTask).toEqual({ __typename: 'Task', status: 'ACCEPTED' });
  });

  it('a second run changes nothing', async () => {
    const before = await snapshot();
    await expect(driveDemo({ prisma: db.prisma, client: env.client, taskQueue })).resolves.toBe('already');
    await expect(seedDemoData(db.url)).resolves.toEqual({ seeded: false });
    expect(await snapshot()).toEqual(before);
  });

  it('the inspections driven again (a start interrupted before their markers) change nothing', async () => {
    const before = await snapshot();
    const markers = demoInspections.map((inspection) => `demo:${demoInspectionId(inspection.key)}:driven`);
    // The audit is append-only; the test's superuser removes the markers past its trigger.
    const removed = await db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SET LOCAL session_replication_role = replica');
      return tx.auditEvent.deleteMany({ where: { eventId: { in: markers } } });
    });
    expect(removed.count).toBe(3);
    // Each step finds its row, or its Update ID answers with the first result.
    await expect(driveDemo({ prisma: db.prisma, client: env.client, taskQueue })).resolves.toBe('driven');
    expect(await snapshot()).toEqual(before);
    await expect(driveDemo({ prisma: db.prisma, client: env.client, taskQueue })).resolves.toBe('already');
  });

  it('a step sent again with its Update ID (a start interrupted before its marker) does nothing', async () => {
    const taskId = demoTaskId('pd-digitise');
    const seed = demoTasks.find((task) => task.key === 'pd-digitise')!;
    const [accept] = seed.steps;
    const head = await db.prisma.user.findUniqueOrThrow({
      where: { email: 'head.phuongdinh@reform.demo' },
      include: { roles: true },
    });
    const staff = await db.prisma.user.findUniqueOrThrow({
      where: { email: 'staff.phuongdinh@reform.demo' },
    });
    const command = {
      actorId: head.id,
      actorUnitIds: head.roles.map((role) => role.unitId),
      responsibleUserId: staff.id,
    };
    const commands = temporalCommands(env.client, taskQueue);
    const before = await snapshot();
    // The task is IN_PROGRESS: a new accept is refused, the demo's own accept answers as before.
    await expect(
      commands.acceptTask(taskId, command, 'b9a7c0de-0000-4000-8000-000000000001'),
    ).rejects.toMatchObject({ type: 'TaskWrongStatus' });
    const repeated = await commands.acceptTask(taskId, command, demoStepUpdateId(taskId, 0, accept!));
    expect(repeated.status).toBe('ACCEPTED');
    expect(await snapshot()).toEqual(before);
  });
});
