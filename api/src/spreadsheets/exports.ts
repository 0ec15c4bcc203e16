// The lists as spreadsheets: tasks (the tasks list's filters, the same `where`), corrective actions
// (the same filter as their list), findings, units and users (administrators, in their subtree).
// What a row shows is exactly what the GraphQL lists show the viewer (visibility.ts,
// inspection-visibility.ts: a surprise inspection not started exports nothing to its target unit's
// people). Rows are read in batches by id (a cursor), so a large list is never held whole.
import type { Prisma, PrismaClient, TaskStatus } from '../../../prisma/client.ts';
import { hasRole, unitsInScope, type Viewer } from '../auth.ts';
import type { Context } from '../context.ts';
import { findingsVisibleTo } from '../inspection-visibility.ts';
import type { Locale } from '../messages.ts';
import { correctiveListWhere, type ApiCorrectiveStatus } from '../services/corrective.ts';
import { taskListWhere } from '../services/task-list.ts';
import { SpreadsheetRefusal, type SpreadsheetDownload } from './http.ts';
import type { SpreadsheetColumn, SpreadsheetRow } from './table.ts';

export const EXPORT_BATCH = 500;

export type ExportList = 'tasks' | 'corrective-actions' | 'findings' | 'units' | 'users';
export const EXPORT_LISTS: readonly ExportList[] = [
  'tasks',
  'corrective-actions',
  'findings',
  'units',
  'users',
];

export interface ExportContext {
  prisma: PrismaClient;
  viewer: Viewer;
  locale: Locale;
  now: () => Date;
}

/**
 * Reads `find` page by page in id order (`cursor` = the last id), yielding rows as they come;
 * at most one batch is in memory at a time.
 */
export async function* byIdBatches<T extends { id: string }>(
  find: (after: string | null, take: number) => Promise<T[]>,
  batch = EXPORT_BATCH,
): AsyncGenerator<T> {
  let after: string | null = null;
  for (;;) {
    const page = await find(after, batch);
    yield* page;
    if (page.length < batch) return;
    after = page[page.length - 1]!.id;
  }
}

const afterId = (after: string | null) => (after ? { id: { gt: after } } : {});

const label = (labels: Record<string, Record<Locale, string>>, value: string, locale: Locale): string =>
  labels[value]?.[locale] ?? value;

const TASK_STATUS: Record<TaskStatus, Record<Locale, string>> = {
  ASSIGNED: { vi: 'Đã giao', en: 'Assigned' },
  ACCEPTED: { vi: 'Đã nhận', en: 'Accepted' },
  IN_PROGRESS: { vi: 'Đang thực hiện', en: 'In progress' },
  SUBMITTED: { vi: 'Chờ duyệt', en: 'Submitted' },
  RETURNED: { vi: 'Trả lại', en: 'Returned' },
  COMPLETED: { vi: 'Hoàn thành', en: 'Completed' },
  CANCELLED: { vi: 'Đã huỷ', en: 'Cancelled' },
  NOT_COMPLETED: { vi: 'Không hoàn thành', en: 'Not completed' },
};
const CORRECTIVE_STATUS: Record<string, Record<Locale, string>> = {
  OPEN: { vi: 'Đang khắc phục', en: 'Open' },
  REJECTED: { vi: 'Đang khắc phục (bị trả lại)', en: 'Open (returned)' },
  SUBMITTED: { vi: 'Chờ xác minh', en: 'Waiting for verification' },
  VERIFIED: { vi: 'Đã xác minh', en: 'Verified' },
  CANCELLED: { vi: 'Đã huỷ', en: 'Cancelled' },
};
const SEVERITY: Record<string, Record<Locale, string>> = {
  INFO: { vi: 'Ghi nhận', en: 'Observation' },
  MINOR: { vi: 'Nhẹ', en: 'Minor' },
  MAJOR: { vi: 'Nghiêm trọng', en: 'Major' },
  CRITICAL: { vi: 'Rất nghiêm trọng', en: 'Critical' },
};
const INSPECTION_KIND: Record<string, Record<Locale, string>> = {
  ANNOUNCED: { vi: 'Theo kế hoạch', en: 'Announced' },
  SURPRISE: { vi: 'Đột xuất', en: 'Unannounced' },
  SELF: { vi: 'Tự kiểm tra', en: 'Self-inspection' },
};
const LEVEL: Record<string, Record<Locale, string>> = {
  PROVINCE: { vi: 'Tỉnh', en: 'Province' },
  DEPARTMENT: { vi: 'Sở, ngành', en: 'Department' },
  DISTRICT: { vi: 'Huyện', en: 'District' },
  COMMUNE: { vi: 'Xã', en: 'Commune' },
  TOWN: { vi: 'Thị trấn', en: 'Town' },
  WARD: { vi: 'Phường', en: 'Ward' },
  AGENCY: { vi: 'Cơ quan', en: 'Agency' },
};
const ROLE: Record<string, Record<Locale, string>> = {
  ADMIN: { vi: 'Quản trị viên', en: 'Administrator' },
  STEERING: { vi: 'Ban chỉ đạo', en: 'Steering committee' },
  UNIT_HEAD: { vi: 'Trưởng đơn vị', en: 'Unit head' },
  UNIT_STAFF: { vi: 'Cán bộ', en: 'Unit staff' },
  INSPECTOR: { vi: 'Thanh tra', en: 'Inspector' },
};
const YES_NO: Record<string, Record<Locale, string>> = {
  true: { vi: 'Có', en: 'Yes' },
  false: { vi: 'Không', en: 'No' },
};

const column = (
  key: string,
  vi: string,
  en: string,
  type: SpreadsheetColumn['type'] = 'text',
  width?: number,
) => ({
  key,
  header: { vi, en },
  type,
  ...(width ? { width } : {}),
});

const TASK_COLUMNS: SpreadsheetColumn[] = [
  column('title', 'Tên nhiệm vụ', 'Task', 'text', 50),
  column('plan', 'Kế hoạch', 'Plan', 'text', 30),
  column('area', 'Lĩnh vực', 'Reform area', 'text', 28),
  column('unitCode', 'Mã đơn vị', 'Unit code'),
  column('unit', 'Đơn vị thực hiện', 'Assigned unit', 'text', 30),
  column('responsible', 'Người phụ trách', 'Responsible official', 'text', 24),
  column('dueDate', 'Hạn hoàn thành', 'Due date', 'date'),
  column('status', 'Trạng thái', 'Status'),
  column('progress', 'Tiến độ', 'Progress', 'percent'),
  column('weight', 'Trọng số', 'Weight', 'number'),
  column('indicatorTarget', 'Chỉ tiêu', 'Indicator target', 'text', 28),
  column('completedAt', 'Hoàn thành lúc', 'Completed at', 'datetime'),
];

/** The tasks list's URL (`plan`, `area`, `unit`, `status` repeated, `overdue=1`, `dueFrom`, `dueTo`). */
export function taskFilterFromUrl(params: URLSearchParams) {
  const text = (name: string) => params.get(name)?.trim() || null;
  const statuses = params.getAll('status').filter((s): s is TaskStatus => s in TASK_STATUS);
  return {
    planId: text('plan'),
    areaId: text('area'),
    unitId: text('unit'),
    status: statuses.length ? statuses : null,
    overdue: params.get('overdue') === '1' ? true : null,
    dueFrom: text('dueFrom'),
    dueTo: text('dueTo'),
  };
}

// The list services take the request's context; only these fields of it are read.
const asContext = (context: ExportContext): Context & { viewer: Viewer } =>
  ({ ...context }) as unknown as Context & { viewer: Viewer };

async function tasksExport(context: ExportContext, params: URLSearchParams): Promise<SpreadsheetDownload> {
  let where: Prisma.TaskWhereInput;
  try {
    where = await taskListWhere(asContext(context), taskFilterFromUrl(params), params.get('closed') === '1');
  } catch (error) {
    // The list's own refusal of a bad filter (a date that does not exist, "from" after "to").
    const field = (error as { extensions?: { field?: unknown } }).extensions?.field;
    if (typeof field !== 'string') throw error;
    throw new SpreadsheetRefusal(400, 'input.date', field, (error as Error).message);
  }
  const { prisma, locale } = context;
  async function* rows(): AsyncGenerator<SpreadsheetRow> {
    const tasks = byIdBatches((after, take) =>
      prisma.task.findMany({
        where: { AND: [where, afterId(after)] },
        orderBy: { id: 'asc' },
        take,
        include: {
          plan: { select: { title: true } },
          area: { select: { nameVi: true, nameEn: true } },
          assigneeUnit: { select: { code: true, name: true } },
          responsibleUser: { select: { name: true } },
        },
      }),
    );
    for await (const task of tasks) {
      yield {
        title: task.title,
        plan: task.plan.title,
        area: locale === 'vi' ? task.area.nameVi : task.area.nameEn,
        unitCode: task.assigneeUnit.code,
        unit: task.assigneeUnit.name,
        responsible: task.responsibleUser?.name ?? null,
        dueDate: task.dueDate,
        status: label(TASK_STATUS, task.status, locale),
        progress: task.progress,
        weight: task.weight,
        indicatorTarget: task.indicatorTarget,
        completedAt: task.completedAt,
      };
    }
  }
  return {
    fileName: locale === 'vi' ? 'Nhiệm vụ' : 'Tasks',
    table: { columns: TASK_COLUMNS, rows: rows(), sheetName: locale === 'vi' ? 'Nhiệm vụ' : 'Tasks' },
  };
}

const CORRECTIVE_COLUMNS: SpreadsheetColumn[] = [
  column('finding', 'Tồn tại, hạn chế', 'Finding', 'text', 50),
  column('severity', 'Mức độ', 'Severity'),
  column('inspection', 'Cuộc kiểm tra', 'Inspection', 'text', 36),
  column('unitCode', 'Mã đơn vị', 'Unit code'),
  column('unit', 'Đơn vị khắc phục', 'Responsible unit', 'text', 30),
  column('dueDate', 'Hạn khắc phục', 'Due date', 'date'),
  column('status', 'Trạng thái', 'Status', 'text', 22),
  column('round', 'Lần', 'Round', 'number'),
  column('verifiedAt', 'Xác minh lúc', 'Verified at', 'datetime'),
];

const CORRECTIVE_STATUSES: readonly ApiCorrectiveStatus[] = ['OPEN', 'SUBMITTED', 'VERIFIED', 'CANCELLED'];

async function correctiveExport(
  context: ExportContext,
  params: URLSearchParams,
): Promise<SpreadsheetDownload> {
  const statuses = params
    .getAll('status')
    .filter((s): s is ApiCorrectiveStatus => (CORRECTIVE_STATUSES as readonly string[]).includes(s));
  const where = await correctiveListWhere(asContext(context), {
    unitId: params.get('unit')?.trim() || null,
    status: statuses.length ? statuses : null,
    overdue: params.get('overdue') === '1' ? true : null,
    inspectionId: params.get('inspection')?.trim() || null,
    waitingForMe: params.get('mine') === '1' ? true : null,
  });
  const { prisma, locale } = context;
  async function* rows(): AsyncGenerator<SpreadsheetRow> {
    const actions = byIdBatches((after, take) =>
      prisma.correctiveAction.findMany({
        where: { AND: [where, afterId(after)] },
        orderBy: { id: 'asc' },
        take,
        include: {
          finding: { select: { description: true, severity: true, inspection: { select: { title: true } } } },
          responsibleUnit: { select: { code: true, name: true } },
        },
      }),
    );
    for await (const action of actions) {
      yield {
        finding: action.finding.description,
        severity: label(SEVERITY, action.finding.severity, locale),
        inspection: action.finding.inspection.title,
        unitCode: action.responsibleUnit.code,
        unit: action.responsibleUnit.name,
        dueDate: action.dueDate,
        status: label(CORRECTIVE_STATUS, action.status, locale),
        round: action.round,
        verifiedAt: action.verifiedAt,
      };
    }
  }
  const name = locale === 'vi' ? 'Biện pháp khắc phục' : 'Corrective actions';
  return { fileName: name, table: { columns: CORRECTIVE_COLUMNS, rows: rows(), sheetName: name } };
}

const FINDING_COLUMNS: SpreadsheetColumn[] = [
  column('description', 'Tồn tại, hạn chế', 'Finding', 'text', 50),
  column('severity', 'Mức độ', 'Severity'),
  column('requiresCorrection', 'Phải khắc phục', 'Requires correction'),
  column('inspection', 'Cuộc kiểm tra', 'Inspection', 'text', 36),
  column('kind', 'Hình thức', 'Kind'),
  column('unitCode', 'Mã đơn vị', 'Unit code'),
  column('unit', 'Đơn vị được kiểm tra', 'Inspected unit', 'text', 30),
  column('recordedAt', 'Ghi nhận lúc', 'Recorded at', 'datetime'),
  column('correctiveStatus', 'Khắc phục', 'Corrective action', 'text', 22),
];

async function findingsExport(context: ExportContext, params: URLSearchParams): Promise<SpreadsheetDownload> {
  const { prisma, locale, viewer } = context;
  const and: Prisma.FindingWhereInput[] = [findingsVisibleTo(viewer)];
  const unitId = params.get('unit')?.trim();
  if (unitId) {
    const unit = await prisma.unit.findUnique({ where: { id: unitId }, select: { path: true } });
    and.push(unit ? { inspection: { targetUnit: { path: { startsWith: unit.path } } } } : { id: { in: [] } });
  }
  const inspectionId = params.get('inspection')?.trim();
  if (inspectionId) and.push({ inspectionId });
  async function* rows(): AsyncGenerator<SpreadsheetRow> {
    const findings = byIdBatches((after, take) =>
      prisma.finding.findMany({
        where: { AND: [...and, afterId(after)] },
        orderBy: { id: 'asc' },
        take,
        include: {
          inspection: {
            select: { title: true, kind: true, targetUnit: { select: { code: true, name: true } } },
          },
          correctiveAction: { select: { status: true } },
        },
      }),
    );
    for await (const finding of findings) {
      yield {
        description: finding.description,
        severity: label(SEVERITY, finding.severity, locale),
        requiresCorrection: label(YES_NO, String(finding.requiresCorrection), locale),
        inspection: finding.inspection.title,
        kind: label(INSPECTION_KIND, finding.inspection.kind, locale),
        unitCode: finding.inspection.targetUnit.code,
        unit: finding.inspection.targetUnit.name,
        recordedAt: finding.createdAt,
        correctiveStatus: finding.correctiveAction
          ? label(CORRECTIVE_STATUS, finding.correctiveAction.status, locale)
          : null,
      };
    }
  }
  const name = locale === 'vi' ? 'Tồn tại, hạn chế' : 'Findings';
  return { fileName: name, table: { columns: FINDING_COLUMNS, rows: rows(), sheetName: name } };
}

const UNIT_COLUMNS: SpreadsheetColumn[] = [
  column('code', 'Mã đơn vị', 'Unit code'),
  column('name', 'Tên đơn vị', 'Unit name', 'text', 40),
  column('level', 'Cấp', 'Level'),
  column('parentCode', 'Mã đơn vị cấp trên', 'Parent unit code'),
  column('mergedInto', 'Sáp nhập vào', 'Merged into'),
  column('mergedAt', 'Sáp nhập lúc', 'Merged at', 'datetime'),
];

function requireAdmin(viewer: Viewer): Prisma.UnitWhereInput {
  if (!hasRole(viewer, 'ADMIN')) throw new SpreadsheetRefusal(403, 'auth.forbidden');
  return unitsInScope(viewer, ['ADMIN']);
}

function unitsExport(context: ExportContext): SpreadsheetDownload {
  const { prisma, locale } = context;
  const scope = requireAdmin(context.viewer);
  async function* rows(): AsyncGenerator<SpreadsheetRow> {
    const units = byIdBatches((after, take) =>
      prisma.unit.findMany({
        where: { AND: [scope, afterId(after)] },
        orderBy: { id: 'asc' },
        take,
        include: { parent: { select: { code: true } }, mergedInto: { select: { code: true } } },
      }),
    );
    for await (const unit of units) {
      yield {
        code: unit.code,
        name: unit.name,
        level: label(LEVEL, unit.level, locale),
        parentCode: unit.parent?.code ?? null,
        mergedInto: unit.mergedInto?.code ?? null,
        mergedAt: unit.mergedAt,
      };
    }
  }
  const name = locale === 'vi' ? 'Đơn vị' : 'Units';
  return { fileName: name, table: { columns: UNIT_COLUMNS, rows: rows(), sheetName: name } };
}

const USER_COLUMNS: SpreadsheetColumn[] = [
  column('email', 'Email', 'E-mail', 'text', 34),
  column('name', 'Họ và tên', 'Full name', 'text', 28),
  column('roles', 'Vai trò', 'Roles', 'text', 40),
  column('locale', 'Ngôn ngữ', 'Language'),
  column('active', 'Đang hoạt động', 'Active'),
  column('createdAt', 'Tạo lúc', 'Created at', 'datetime'),
];

function usersExport(context: ExportContext): SpreadsheetDownload {
  const { prisma, locale } = context;
  const scope = requireAdmin(context.viewer);
  async function* rows(): AsyncGenerator<SpreadsheetRow> {
    const users = byIdBatches((after, take) =>
      prisma.user.findMany({
        where: { AND: [{ roles: { some: { unit: scope } } }, afterId(after)] },
        orderBy: { id: 'asc' },
        take,
        include: { roles: { include: { unit: { select: { code: true } } }, orderBy: { role: 'asc' } } },
      }),
    );
    for await (const user of users) {
      yield {
        email: user.email,
        name: user.name,
        roles: user.roles.map((role) => `${label(ROLE, role.role, locale)} (${role.unit.code})`).join('; '),
        locale: user.locale,
        active: label(YES_NO, String(user.active), locale),
        createdAt: user.createdAt,
      };
    }
  }
  const name = locale === 'vi' ? 'Người dùng' : 'Users';
  return { fileName: name, table: { columns: USER_COLUMNS, rows: rows(), sheetName: name } };
}

/** The download of one list, filtered by the list page's URL parameters. */
export function listExport(
  list: ExportList,
  context: ExportContext,
  params: URLSearchParams,
): Promise<SpreadsheetDownload> {
  switch (list) {
    case 'tasks':
      return tasksExport(context, params);
    case 'corrective-actions':
      return correctiveExport(context, params);
    case 'findings':
      return findingsExport(context, params);
    case 'units':
      return Promise.resolve().then(() => unitsExport(context));
    case 'users':
      return Promise.resolve().then(() => usersExport(context));
  }
}
