// Spreadsheet imports: an upload is read and checked (a dry run that stores the batch with its
// problems and writes nothing else); confirming applies the batch in one transaction, all or
// nothing, exactly once (the batch row is locked and its status checked; the same checks run again
// inside the transaction). Units and users: administrators, inside their subtree. Task
// assignments: the steering committee of the plan's issuing unit, into a DRAFT plan (rows in the
// transaction; an issued plan takes new tasks through its workflow: bulk assignment or one task).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Prisma, type ImportBatch, type PrismaClient, type Role } from '../../../prisma/client.ts';
import { hasRole, reachesUnit, type Viewer } from '../auth.ts';
import { DomainError, NotFoundError } from '../errors.ts';
import type { MessageKey } from '../messages.ts';
import { hashPassword } from '../passwords.ts';
import {
  checkImport,
  type BatchRow,
  type ImportPlan,
  type ImportProblem,
  type CheckedRecords,
} from '../spreadsheets/imports/check.ts';
import { matchHeaders, type ImportKindName } from '../spreadsheets/imports/columns.ts';
import { storedCell } from '../spreadsheets/imports/values.ts';
import { readSpreadsheet, UnreadableFile } from '../spreadsheets/read.ts';
import { PLANNING_ROLES } from '../visibility.ts';
import { dateOnly, todayInVietnam } from './calendar-dates.ts';

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 10_000;
export const IMPORT_KINDS: readonly ImportKindName[] = ['UNITS', 'USERS', 'TASKS'];

/**
 * An import refused as a whole (not a row's problem): `reason` is a stable code (FILE_MISSING,
 * FILE_TOO_LARGE, UNREADABLE, EMPTY, TOO_MANY_ROWS, PLAN_NOT_DRAFT, HAS_PROBLEMS, DISCARDED,
 * APPLIED, STALE), `field` the input it concerns.
 */
export class ImportRefusedError extends DomainError {
  override name = 'ImportRefusedError';
  constructor(
    messageKey: MessageKey,
    readonly reason: string,
    field: string | null = null,
  ) {
    super(messageKey, field);
  }
}

export interface ImportDependencies {
  prisma: PrismaClient;
  viewer: Viewer;
  now: () => Date;
}

export interface DryRunInput {
  kind: ImportKindName;
  planId?: string | null;
  fileName: string;
  bytes: Uint8Array;
}

/** The plan a task import goes into: STEERING reaching its issuing unit, as createTask. */
async function importPlan(deps: ImportDependencies, planId: string | null | undefined): Promise<ImportPlan> {
  const plan = planId
    ? await deps.prisma.reformPlan.findUnique({
        where: { id: planId },
        select: {
          id: true,
          year: true,
          status: true,
          assessmentCloses: true,
          issuingUnit: { select: { id: true, path: true } },
        },
      })
    : null;
  if (!plan || !reachesUnit(deps.viewer, plan.issuingUnit, PLANNING_ROLES)) {
    throw new NotFoundError('notFound.plan', 'planId');
  }
  if (plan.status !== 'DRAFT') throw new ImportRefusedError('xl.plan.notDraft', 'PLAN_NOT_DRAFT', 'planId');
  return plan;
}

/** Whether the viewer may start an import of this kind at all (the rows are checked one by one). */
export function mayImport(viewer: Viewer | null, kind: ImportKindName): boolean {
  return kind === 'TASKS' ? hasRole(viewer, ...PLANNING_ROLES) : hasRole(viewer, 'ADMIN');
}

/**
 * Reads and checks an uploaded file and stores it as a DRY_RUN batch with its problems (by row
 * and column); writes nothing else. Returns the batch.
 */
export async function dryRunImport(deps: ImportDependencies, input: DryRunInput): Promise<ImportBatch> {
  const plan = input.kind === 'TASKS' ? await importPlan(deps, input.planId) : undefined;
  if (input.bytes.byteLength === 0) throw new ImportRefusedError('xl.file.missing', 'FILE_MISSING', 'file');
  if (input.bytes.byteLength > IMPORT_MAX_BYTES)
    throw new ImportRefusedError('xl.file.tooLarge', 'FILE_TOO_LARGE', 'file');
  let sheet;
  try {
    sheet = await readSpreadsheet(input.bytes, IMPORT_MAX_ROWS);
  } catch (error) {
    if (error instanceof UnreadableFile)
      throw new ImportRefusedError('xl.file.unreadable', 'UNREADABLE', 'file');
    throw error;
  }
  if (sheet.rows.length === 0) throw new ImportRefusedError('xl.file.empty', 'EMPTY', 'file');
  if (sheet.rows.length > IMPORT_MAX_ROWS)
    throw new ImportRefusedError('xl.file.tooManyRows', 'TOO_MANY_ROWS', 'file');
  const headers = matchHeaders(input.kind, sheet.headers);
  const rows: BatchRow[] = sheet.rows.map(({ row, cells }) => ({
    row,
    values: Object.fromEntries(
      [...headers.index].map(([key, position]) => [key, storedCell(cells[position] ?? null)]),
    ),
  }));
  const headerProblems: ImportProblem[] = [
    ...headers.missing.map((column) => ({ row: 1, column, code: 'xl.header.missing' as const })),
    ...headers.duplicated.map((column) => ({ row: 1, column, code: 'xl.header.duplicate' as const })),
  ];
  const problems = headerProblems.length
    ? headerProblems
    : (
        await checkImport(
          input.kind,
          { db: deps.prisma, viewer: deps.viewer, today: todayInVietnam(deps.now()), plan },
          rows,
        )
      ).problems;
  return deps.prisma.importBatch.create({
    data: {
      kind: input.kind,
      fileName: input.fileName.normalize('NFC').slice(0, 255),
      fileHash: createHash('sha256').update(input.bytes).digest('hex'),
      rowCount: rows.length,
      rows: rows as unknown as Prisma.InputJsonValue,
      problems: problems as unknown as Prisma.InputJsonValue,
      planId: plan?.id ?? null,
      createdById: deps.viewer.id,
    },
  });
}

/** The viewer's own batch; anyone else's reads as unknown. */
export async function ownBatch(
  deps: Pick<ImportDependencies, 'prisma' | 'viewer'>,
  id: string,
): Promise<ImportBatch> {
  const batch = await deps.prisma.importBatch.findUnique({ where: { id } });
  // Its author, while they still hold the role the kind needs.
  if (!batch || batch.createdById !== deps.viewer.id || !mayImport(deps.viewer, batch.kind)) {
    throw new NotFoundError('xl.batch.notFound', 'batchId');
  }
  return batch;
}

export const batchProblems = (batch: ImportBatch): ImportProblem[] =>
  batch.problems as unknown as ImportProblem[];

export interface IssuedImportPassword {
  email: string;
  name: string;
  oneTimePassword: string;
}

export interface AppliedImport {
  batch: ImportBatch;
  /** Rows written by this request; 0 when the batch had been applied already. */
  created: number;
  /** Imported people's one-time passwords, shown once to the administrator; never stored in clear. */
  passwords: IssuedImportPassword[];
}

// No 0/O, 1/l/I: read aloud or copied from a screen without mistakes (the people page's rule).
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function oneTimePassword(): string {
  const chars: string[] = [];
  while (chars.length < 20) {
    for (const byte of randomBytes(32)) {
      if (byte < 228 && chars.length < 20) chars.push(ALPHABET[byte % ALPHABET.length]!);
    }
  }
  return chars.join('').replace(/(.{5})(?=.)/g, '$1-');
}

const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;

async function writeRecords(
  tx: Prisma.TransactionClient,
  deps: ImportDependencies,
  batch: ImportBatch,
  checked: CheckedRecords,
  hashes: Map<string, string>,
): Promise<number> {
  const at = deps.now();
  const audit = (row: number, action: string, entityType: string, entityId: string, after: unknown) => ({
    eventId: `import-${batch.id}:row-${row}`,
    actorId: deps.viewer.id,
    action,
    entityType,
    entityId,
    after: asJson(after),
    at,
  });
  if (checked.kind === 'UNITS') {
    const paths = new Map(
      (
        await tx.unit.findMany({
          where: { code: { in: checked.records.map((record) => record.parentCode) } },
          select: { id: true, code: true, path: true },
        })
      ).map((unit) => [unit.code, unit]),
    );
    const units = checked.records.map((record) => {
      const parent = paths.get(record.parentCode)!;
      const id = randomUUID();
      const unit = {
        id,
        code: record.code,
        name: record.name,
        level: record.level,
        parentId: parent.id,
        path: `${parent.path}${id}/`,
      };
      paths.set(record.code, unit);
      return { record, unit };
    });
    await tx.unit.createMany({ data: units.map(({ unit }) => unit) });
    await tx.auditEvent.createMany({
      data: units.map(({ record, unit }) => audit(record.row, 'unit.created', 'Unit', unit.id, unit)),
    });
    return units.length;
  }
  if (checked.kind === 'USERS') {
    const users = checked.records.map((record) => ({ record, id: randomUUID() }));
    await tx.user.createMany({
      data: users.map(({ record, id }) => ({
        id,
        email: record.email,
        name: record.name,
        locale: record.locale,
        passwordHash: hashes.get(record.email)!,
        mustChangePassword: true,
      })),
    });
    await tx.roleAssignment.createMany({
      data: users.flatMap(({ record, id }) =>
        record.roles.map((role: Role) => ({ userId: id, role, unitId: record.unitId })),
      ),
    });
    await tx.auditEvent.createMany({
      data: users.map(({ record, id }) =>
        audit(record.row, 'user.created', 'User', id, {
          id,
          email: record.email,
          name: record.name,
          locale: record.locale,
          roles: record.roles.map((role) => ({ role, unitId: record.unitId })),
        }),
      ),
    });
    return users.length;
  }
  const tasks = checked.records.map((record) => ({
    id: randomUUID(),
    planId: batch.planId!,
    areaId: record.areaId,
    assigneeUnitId: record.unitId,
    title: record.title,
    description: record.description,
    dueDate: dateOnly(record.dueDate),
    weight: record.weight,
    indicatorTarget: record.indicatorTarget,
    createdById: deps.viewer.id,
    row: record.row,
  }));
  // One INSERT … SELECT FROM unnest(…) per table: thousands of rows in one statement each
  // (createMany's parameter lists took seconds for 5,000 rows).
  const column = <K extends keyof (typeof tasks)[number]>(key: K) => tasks.map((task) => task[key]);
  await tx.$executeRaw`
    INSERT INTO "Task" ("id", "planId", "areaId", "assigneeUnitId", "title", "description", "dueDate",
                        "weight", "indicatorTarget", "createdById", "updatedAt")
    SELECT t.id, ${batch.planId}, t.area, t.unit, t.title, t.description, t.due, t.weight, t.target,
           ${deps.viewer.id}, ${at.toISOString()}::timestamp(3)
    FROM unnest(${column('id')}::text[], ${column('areaId')}::text[], ${column('assigneeUnitId')}::text[],
                ${column('title')}::text[], ${column('description')}::text[],
                ${tasks.map((task) => task.dueDate.toISOString().slice(0, 10))}::date[],
                ${column('weight')}::int[], ${column('indicatorTarget')}::text[])
      AS t(id, area, unit, title, description, due, weight, target)`;
  await insertAuditEvents(
    tx,
    tasks.map(({ row, ...task }) => audit(row, 'task.drafted', 'Task', task.id, task)),
  );
  return tasks.length;
}

/** Audit events in one statement (see the tasks above); `eventId` stays unique, as always. */
async function insertAuditEvents(
  tx: Prisma.TransactionClient,
  events: {
    eventId: string;
    actorId: string;
    action: string;
    entityType: string;
    entityId: string;
    after: Prisma.InputJsonValue;
    at: Date;
  }[],
): Promise<void> {
  const pick = <K extends keyof (typeof events)[number]>(key: K) => events.map((event) => event[key]);
  await tx.$executeRaw`
    INSERT INTO "AuditEvent" ("id", "eventId", "actorId", "action", "entityType", "entityId", "after", "at", "updatedAt")
    SELECT e.id, e.event, e.actor, e.action, e.type, e.entity, e.after, e.at, e.at
    FROM unnest(${events.map(() => randomUUID())}::text[], ${pick('eventId')}::text[], ${pick('actorId')}::text[],
                ${pick('action')}::text[], ${pick('entityType')}::text[], ${pick('entityId')}::text[],
                ${events.map((event) => JSON.stringify(event.after))}::jsonb[], ${events.map((event) => event.at.toISOString())}::timestamp(3)[])
      AS e(id, event, actor, action, type, entity, after, at)`;
}

/**
 * Applies a checked batch in one transaction: all rows or none, once. A batch applied already
 * answers with `created: 0` (a retried or doubled request); one with problems, discarded, or whose
 * checks no longer pass (someone took an e-mail meanwhile, the plan was issued) is refused.
 */
export async function confirmImport(deps: ImportDependencies, batchId: string): Promise<AppliedImport> {
  const batch = await ownBatch(deps, batchId);
  if (batch.status === 'APPLIED') return { batch, created: 0, passwords: [] };
  if (batch.status === 'DISCARDED')
    throw new ImportRefusedError('xl.batch.discarded', 'DISCARDED', 'batchId');
  if (batchProblems(batch).length)
    throw new ImportRefusedError('xl.batch.hasProblems', 'HAS_PROBLEMS', 'batchId');
  const rows = batch.rows as unknown as BatchRow[];
  const kind = batch.kind;
  // Hashing is slow on purpose: done before the transaction so its locks are held briefly.
  const passwords: IssuedImportPassword[] = [];
  const hashes = new Map<string, string>();
  if (kind === 'USERS') {
    const dryRun = await checkImport(
      kind,
      { db: deps.prisma, viewer: deps.viewer, today: todayInVietnam(deps.now()) },
      rows,
    );
    if (dryRun.checked.kind === 'USERS') {
      for (const record of dryRun.checked.records) {
        const password = oneTimePassword();
        hashes.set(record.email, await hashPassword(password));
        passwords.push({ email: record.email, name: record.name, oneTimePassword: password });
      }
    }
  }
  const outcome = await deps.prisma.$transaction(
    async (tx) => {
      const [locked] = await tx.$queryRaw<{ status: string }[]>`
        SELECT status FROM "ImportBatch" WHERE id = ${batch.id} FOR UPDATE`;
      if (locked?.status === 'APPLIED') return { created: 0, applied: false };
      if (locked?.status !== 'DRY_RUN')
        throw new ImportRefusedError('xl.batch.discarded', 'DISCARDED', 'batchId');
      let plan: ImportPlan | undefined;
      if (kind === 'TASKS') {
        // The plan row is locked as the plan editor does, so issuing cannot race the import.
        const [planRow] = await tx.$queryRaw<{ status: string }[]>`
          SELECT status FROM "ReformPlan" WHERE id = ${batch.planId} FOR UPDATE`;
        if (planRow?.status !== 'DRAFT') throw new ImportRefusedError('xl.batch.stale', 'STALE', 'batchId');
        const found = await tx.reformPlan.findUniqueOrThrow({
          where: { id: batch.planId! },
          select: {
            id: true,
            year: true,
            status: true,
            assessmentCloses: true,
            issuingUnit: { select: { id: true, path: true } },
          },
        });
        if (!reachesUnit(deps.viewer, found.issuingUnit, PLANNING_ROLES)) {
          throw new NotFoundError('xl.batch.notFound', 'batchId');
        }
        plan = found;
      }
      const check = await checkImport(
        kind,
        { db: tx, viewer: deps.viewer, today: todayInVietnam(deps.now()), plan },
        rows,
      );
      if (check.problems.length || check.checked.records.length !== rows.length) {
        throw new ImportRefusedError('xl.batch.stale', 'STALE', 'batchId');
      }
      if (
        kind === 'USERS' &&
        check.checked.kind === 'USERS' &&
        check.checked.records.some((r) => !hashes.has(r.email))
      ) {
        throw new ImportRefusedError('xl.batch.stale', 'STALE', 'batchId');
      }
      const created = await writeRecords(tx, deps, batch, check.checked, hashes);
      await tx.importBatch.update({
        where: { id: batch.id },
        data: { status: 'APPLIED', appliedAt: deps.now() },
      });
      await tx.auditEvent.create({
        data: {
          eventId: `import-${batch.id}:applied`,
          actorId: deps.viewer.id,
          action: 'import.applied',
          entityType: 'ImportBatch',
          entityId: batch.id,
          after: asJson({
            kind,
            fileName: batch.fileName,
            fileHash: batch.fileHash,
            rows: created,
            planId: batch.planId,
          }),
          at: deps.now(),
        },
      });
      return { created, applied: true };
    },
    { timeout: 5 * 60 * 1000, maxWait: 30 * 1000 },
  );
  const after = await deps.prisma.importBatch.findUniqueOrThrow({ where: { id: batch.id } });
  return { batch: after, created: outcome.created, passwords: outcome.applied ? passwords : [] };
}

/** Drops a batch that was not applied; nothing else changes. Discarding twice is the same. */
export async function discardImport(deps: ImportDependencies, batchId: string): Promise<ImportBatch> {
  const batch = await ownBatch(deps, batchId);
  if (batch.status === 'APPLIED') throw new ImportRefusedError('xl.batch.applied', 'APPLIED', 'batchId');
  await deps.prisma.importBatch.updateMany({
    where: { id: batch.id, status: 'DRY_RUN' },
    data: { status: 'DISCARDED' },
  });
  const after = await deps.prisma.importBatch.findUniqueOrThrow({ where: { id: batch.id } });
  if (after.status === 'APPLIED') throw new ImportRefusedError('xl.batch.applied', 'APPLIED', 'batchId');
  return after;
}
