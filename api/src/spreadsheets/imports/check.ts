// The checks of an import, row by row, against the file itself and the database: every problem
// is reported with its row (as Excel numbers it) and column, nothing is written. The same checks
// run again inside the applying transaction, so what is applied is what was checked.
import type { Prisma, PrismaClient, Role, UnitLevel } from '../../../../prisma/client.ts';
import { planDueDateBounds } from '../../../../workflows/src/contracts.ts';
import { reachesUnit, type Viewer } from '../../auth.ts';
import type { MessageKey } from '../../messages.ts';
import { PLANNING_ROLES } from '../../visibility.ts';
import { comparable, type ImportKindName } from './columns.ts';
import {
  parseDate,
  parseEmail,
  parseLevel,
  parseLocale,
  parseRoles,
  parseWhole,
  textCell,
  type StoredCell,
} from './values.ts';

export interface ImportProblem {
  /** 1 is the header row. */
  row: number;
  /** The column's key (see columns.ts). */
  column: string;
  code: MessageKey;
}

export interface BatchRow {
  row: number;
  values: Record<string, StoredCell>;
}

export type ImportDb = PrismaClient | Prisma.TransactionClient;

export interface ImportPlan {
  id: string;
  year: number;
  status: string;
  assessmentCloses: Date | null;
  issuingUnit: { id: string; path: string };
}

export interface CheckContext {
  db: ImportDb;
  viewer: Viewer;
  /** Today in Vietnam, YYYY-MM-DD. */
  today: string;
  /** The plan of a task import. */
  plan?: ImportPlan;
}

export interface UnitRecord {
  row: number;
  code: string;
  name: string;
  level: UnitLevel;
  parentCode: string;
}
export interface UserRecord {
  row: number;
  email: string;
  name: string;
  locale: 'vi' | 'en';
  roles: Role[];
  unitId: string;
}
export interface TaskRecord {
  row: number;
  title: string;
  unitId: string;
  areaId: string;
  dueDate: string;
  weight: number;
  indicatorTarget: string | null;
  description: string;
}

export type CheckedRecords =
  | { kind: 'UNITS'; records: UnitRecord[] }
  | { kind: 'USERS'; records: UserRecord[] }
  | { kind: 'TASKS'; records: TaskRecord[] };

export interface CheckResult {
  problems: ImportProblem[];
  checked: CheckedRecords;
}

const ADMIN: readonly Role[] = ['ADMIN'];
const MAX = { code: 50, name: 200, title: 300, target: 300, description: 4000 } as const;

class Problems {
  readonly list: ImportProblem[] = [];
  add(row: number, column: string, code: MessageKey): void {
    this.list.push({ row, column, code });
  }
  /** Required text of at most `max` characters, or null with its problem noted. */
  text(row: BatchRow, column: string, max: number, required = true): string | null {
    const text = textCell(row.values[column] ?? null);
    if (text === null) {
      if (required) this.add(row.row, column, 'xl.row.required');
      return null;
    }
    if (text.length > max) {
      this.add(row.row, column, 'xl.row.tooLong');
      return null;
    }
    return text;
  }
}

type UnitRow = { id: string; code: string; path: string; mergedIntoId: string | null };

async function unitsByCode(db: ImportDb, codes: Iterable<string>): Promise<Map<string, UnitRow>> {
  const list = [...new Set(codes)];
  if (!list.length) return new Map();
  const units = await db.unit.findMany({
    where: { code: { in: list } },
    select: { id: true, code: true, path: true, mergedIntoId: true },
  });
  return new Map(units.map((unit) => [unit.code, unit]));
}

/** Resolves a unit code the viewer may use with `roles`; notes the problem otherwise. */
function reachableUnit(
  problems: Problems,
  row: BatchRow,
  column: string,
  code: string,
  units: Map<string, UnitRow>,
  allowed: (unit: UnitRow) => boolean,
): UnitRow | null {
  const unit = units.get(code);
  // A unit outside the viewer's reach reads as unknown, as everywhere in the API.
  if (!unit || !allowed(unit)) {
    problems.add(row.row, column, 'xl.row.unknownUnit');
    return null;
  }
  if (unit.mergedIntoId) {
    problems.add(row.row, column, 'xl.row.unitMerged');
    return null;
  }
  return unit;
}

async function checkUnits(context: CheckContext, rows: BatchRow[]): Promise<CheckResult> {
  const problems = new Problems();
  const codes = rows.flatMap((row) =>
    ['code', 'parentCode']
      .map((key) => textCell(row.values[key] ?? null))
      .filter((code): code is string => !!code),
  );
  const existing = await unitsByCode(context.db, codes);
  const inFile = new Map<string, number>();
  const records: UnitRecord[] = [];
  for (const row of rows) {
    const code = problems.text(row, 'code', MAX.code);
    if (code !== null) {
      if (inFile.has(code)) problems.add(row.row, 'code', 'xl.row.duplicateUnitCode');
      else if (existing.has(code)) problems.add(row.row, 'code', 'xl.row.unitCodeTaken');
    }
    const name = problems.text(row, 'name', MAX.name);
    const levelText = problems.text(row, 'level', 50);
    const level = levelText === null ? null : parseLevel(levelText);
    if (levelText !== null && level === null) problems.add(row.row, 'level', 'xl.row.level');
    const parentCode = problems.text(row, 'parentCode', MAX.code);
    if (parentCode !== null && !inFile.has(parentCode)) {
      if (
        existing.has(parentCode) ||
        !rows.some((other) => textCell(other.values.code ?? null) === parentCode)
      ) {
        reachableUnit(problems, row, 'parentCode', parentCode, existing, (unit) =>
          reachesUnit(context.viewer, unit, ADMIN),
        );
      } else {
        problems.add(row.row, 'parentCode', 'xl.row.parentAfter');
      }
    }
    if (code !== null && !inFile.has(code)) inFile.set(code, row.row);
    if (code && name && level && parentCode) records.push({ row: row.row, code, name, level, parentCode });
  }
  return { problems: problems.list, checked: { kind: 'UNITS', records } };
}

async function checkUsers(context: CheckContext, rows: BatchRow[]): Promise<CheckResult> {
  const problems = new Problems();
  const emails = rows
    .map((row) => parseEmail(textCell(row.values.email ?? null) ?? ''))
    .filter((email): email is string => !!email);
  const taken = new Set(
    (
      await context.db.user.findMany({
        where: { email: { in: [...new Set(emails)] } },
        select: { email: true },
      })
    ).map((user) => user.email),
  );
  const units = await unitsByCode(
    context.db,
    rows.map((row) => textCell(row.values.unitCode ?? null)).filter((code): code is string => !!code),
  );
  const seen = new Set<string>();
  const records: UserRecord[] = [];
  for (const row of rows) {
    const emailText = problems.text(row, 'email', 254);
    let email: string | null = null;
    if (emailText !== null) {
      email = parseEmail(emailText);
      if (email === null) problems.add(row.row, 'email', 'xl.row.email');
      else if (seen.has(email)) problems.add(row.row, 'email', 'xl.row.duplicateEmail');
      else if (taken.has(email)) problems.add(row.row, 'email', 'xl.row.emailTaken');
    }
    const name = problems.text(row, 'name', MAX.name);
    const rolesText = problems.text(row, 'roles', 200);
    const roles = rolesText === null ? null : parseRoles(rolesText);
    if (rolesText !== null && roles === null) problems.add(row.row, 'roles', 'xl.row.role');
    const unitCode = problems.text(row, 'unitCode', MAX.code);
    const unit =
      unitCode === null
        ? null
        : reachableUnit(problems, row, 'unitCode', unitCode, units, (candidate) =>
            reachesUnit(context.viewer, candidate, ADMIN),
          );
    const localeText = problems.text(row, 'locale', 20, false);
    const locale = localeText === null ? 'vi' : parseLocale(localeText);
    if (locale === null) problems.add(row.row, 'locale', 'xl.row.locale');
    if (email) seen.add(email);
    if (email && name && roles && unit && locale) {
      records.push({ row: row.row, email, name, locale, roles, unitId: unit.id });
    }
  }
  return { problems: problems.list, checked: { kind: 'USERS', records } };
}

async function checkTasks(context: CheckContext, rows: BatchRow[]): Promise<CheckResult> {
  const plan = context.plan;
  if (!plan) throw new Error('A task import needs its plan.');
  const problems = new Problems();
  const [units, areas] = await Promise.all([
    unitsByCode(
      context.db,
      rows.map((row) => textCell(row.values.unitCode ?? null)).filter((code): code is string => !!code),
    ),
    context.db.reformArea.findMany({ select: { id: true, code: true, nameVi: true, nameEn: true } }),
  ]);
  const areaByLabel = new Map<string, string>();
  for (const area of areas) {
    for (const label of [area.code, area.nameVi, area.nameEn]) areaByLabel.set(comparable(label), area.id);
  }
  const existingTasks = await context.db.task.findMany({
    where: {
      planId: plan.id,
      status: { not: 'CANCELLED' },
      assigneeUnitId: { in: [...units.values()].map((u) => u.id) },
    },
    select: { assigneeUnitId: true, title: true },
  });
  const taskKey = (unitId: string, title: string) => `${unitId}\u0000${comparable(title)}`;
  const seen = new Set(existingTasks.map((task) => taskKey(task.assigneeUnitId, task.title)));
  const [earliest, latest] = planDueDateBounds(
    plan.year,
    plan.assessmentCloses && plan.assessmentCloses.toISOString().slice(0, 10),
  );
  const records: TaskRecord[] = [];
  for (const row of rows) {
    const title = problems.text(row, 'title', MAX.title);
    const unitCode = problems.text(row, 'unitCode', MAX.code);
    const unit =
      unitCode === null
        ? null
        : reachableUnit(
            problems,
            row,
            'unitCode',
            unitCode,
            units,
            (candidate) =>
              candidate.path.startsWith(plan.issuingUnit.path) &&
              reachesUnit(context.viewer, candidate, PLANNING_ROLES),
          );
    const areaText = problems.text(row, 'area', 200);
    const areaId = areaText === null ? null : (areaByLabel.get(comparable(areaText)) ?? null);
    if (areaText !== null && areaId === null) problems.add(row.row, 'area', 'xl.row.area');
    let dueDate: string | null = null;
    const dueCell = row.values.dueDate ?? null;
    if (textCell(dueCell) === null) problems.add(row.row, 'dueDate', 'xl.row.required');
    else {
      dueDate = parseDate(dueCell);
      if (dueDate === null) problems.add(row.row, 'dueDate', 'xl.row.date');
      else if (dueDate < context.today) problems.add(row.row, 'dueDate', 'xl.row.dateInPast');
      else if (dueDate < earliest || dueDate > latest)
        problems.add(row.row, 'dueDate', 'xl.row.dateOutsidePlan');
    }
    let weight = 1;
    if (textCell(row.values.weight ?? null) !== null) {
      const parsed = parseWhole(row.values.weight ?? null);
      if (parsed === null || parsed < 1 || parsed > 10) {
        problems.add(row.row, 'weight', 'xl.row.weight');
      } else weight = parsed;
    }
    const indicatorTarget = problems.text(row, 'indicatorTarget', MAX.target, false);
    const description = problems.text(row, 'description', MAX.description, false);
    if (title && unit) {
      const key = taskKey(unit.id, title);
      if (seen.has(key)) problems.add(row.row, 'title', 'xl.row.duplicateTask');
      seen.add(key);
    }
    if (title && unit && areaId && dueDate) {
      records.push({
        row: row.row,
        title,
        unitId: unit.id,
        areaId,
        dueDate,
        weight,
        indicatorTarget,
        description: description ?? '',
      });
    }
  }
  return { problems: problems.list, checked: { kind: 'TASKS', records } };
}

/** Every problem of the rows, by row and column, and the records to write when there are none. */
export async function checkImport(
  kind: ImportKindName,
  context: CheckContext,
  rows: BatchRow[],
): Promise<CheckResult> {
  const result =
    kind === 'UNITS'
      ? await checkUnits(context, rows)
      : kind === 'USERS'
        ? await checkUsers(context, rows)
        : await checkTasks(context, rows);
  result.problems.sort((a, b) => a.row - b.row);
  return result;
}
