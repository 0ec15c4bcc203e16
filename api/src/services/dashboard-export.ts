// Every figure of the dashboard as a spreadsheet (GET /dashboard/<figure>.<xlsx|csv>?plan=…&unit=…):
// the same service and visibility as the `dashboard` query, written with the spreadsheet writer
// (api/src/spreadsheets/). A plan or unit the viewer may not see is 404, as an unknown one.
import type { PrismaClient } from '../../../prisma/client.ts';
import type { Viewer } from '../auth.ts';
import { NotFoundError } from '../errors.ts';
import type { Locale } from '../messages.ts';
import { SpreadsheetRefusal, spreadsheetRequests } from '../spreadsheets/http.ts';
import type { SpreadsheetColumn, SpreadsheetRow } from '../spreadsheets/table.ts';
import {
  dashboard,
  DASHBOARD_LIST_SIZE,
  lateCorrectiveActionsWhere,
  openFindingsWhere,
  overdueTasksWhere,
  plansBeingIssued,
  type DashboardContext,
  type DashboardData,
  type HeatRow,
  type TrendSeries,
} from './dashboard.ts';

export const DASHBOARD_FIGURES = [
  'heatmap',
  'area-trend',
  'unit-trend',
  'laggards',
  'overdue-tasks',
  'open-findings',
  'late-corrective-actions',
  'plans-being-issued',
] as const;
export type DashboardFigure = (typeof DASHBOARD_FIGURES)[number];

const isFigure = (value: string): value is DashboardFigure =>
  (DASHBOARD_FIGURES as readonly string[]).includes(value);

type Table = { columns: SpreadsheetColumn[]; rows: SpreadsheetRow[]; sheetName: string };

const UNIT: SpreadsheetColumn = { key: 'unit', header: { vi: 'Đơn vị', en: 'Unit' }, type: 'text' };
const FIGURE_NAMES: Record<DashboardFigure, Record<Locale, string>> = {
  heatmap: { vi: 'Mức hoàn thành theo đơn vị và lĩnh vực', en: 'Completion by unit and area' },
  'area-trend': { vi: 'Diễn biến theo lĩnh vực', en: 'Trend by area' },
  'unit-trend': { vi: 'Diễn biến theo đơn vị', en: 'Trend by unit' },
  laggards: { vi: 'Mười đơn vị chậm nhất', en: 'Ten slowest units' },
  'overdue-tasks': { vi: 'Nhiệm vụ quá hạn', en: 'Overdue tasks' },
  'open-findings': { vi: 'Phát hiện chưa khắc phục', en: 'Open findings' },
  'late-corrective-actions': { vi: 'Khắc phục quá hạn', en: 'Late corrective actions' },
  'plans-being-issued': { vi: 'Kế hoạch đang ban hành', en: 'Plans being issued' },
};

function heatTable(
  data: DashboardData,
  rows: HeatRow[],
  locale: Locale,
  withTotal: boolean,
): Omit<Table, 'sheetName'> {
  const columns: SpreadsheetColumn[] = [
    UNIT,
    ...data.areas.map((area): SpreadsheetColumn => ({
      key: `area:${area.id}`,
      header: { vi: area.nameVi, en: area.nameEn },
      type: 'percent',
      width: 16,
    })),
    { key: 'completion', header: { vi: 'Chung', en: 'Overall' }, type: 'percent' },
    { key: 'tasks', header: { vi: 'Số nhiệm vụ', en: 'Tasks' }, type: 'number' },
    { key: 'completed', header: { vi: 'Đã hoàn thành', en: 'Completed' }, type: 'number' },
    { key: 'overdue', header: { vi: 'Quá hạn', en: 'Overdue' }, type: 'number' },
  ];
  const ownLabel = locale === 'vi' ? ' (nhiệm vụ của đơn vị)' : ' (own tasks)';
  const line = (row: HeatRow, name: string): SpreadsheetRow => ({
    unit: name,
    ...Object.fromEntries(row.cells.map((cell) => [`area:${cell.areaId}`, cell.completion])),
    completion: row.total.completion,
    tasks: row.total.taskCount,
    completed: row.total.completed,
    overdue: row.total.overdue,
  });
  const body = rows.map((row) =>
    line(row, row.own && withTotal ? `${row.unit.name}${ownLabel}` : row.unit.name),
  );
  if (withTotal) body.push(line(data.total, `${locale === 'vi' ? 'Tổng' : 'Total'}: ${data.unit.name}`));
  return { columns, rows: body };
}

function trendTable(data: DashboardData, series: TrendSeries[], first: SpreadsheetColumn) {
  const columns: SpreadsheetColumn[] = [
    first,
    ...data.periods.map((period): SpreadsheetColumn => ({
      key: `period:${period.id}`,
      header: {
        vi: data.cadence === 'HALF_YEARLY' ? `6 tháng lần ${period.number}` : `Quý ${period.number}`,
        en: data.cadence === 'HALF_YEARLY' ? `H${period.number}` : `Q${period.number}`,
      },
      type: 'percent',
    })),
  ];
  const rows = series.map((line) => ({
    [first.key]: line.label,
    ...Object.fromEntries(line.points.map((point) => [`period:${point.periodId}`, point.completion])),
  }));
  return { columns, rows };
}

/** The rows and columns of one figure, as the viewer sees them. */
export async function dashboardFigure(
  context: DashboardContext,
  figure: DashboardFigure,
  input: { planId: string | null; unitId: string | null },
): Promise<Table> {
  const data = await dashboard(context, input);
  const { locale, prisma, viewer } = context;
  const sheetName = FIGURE_NAMES[figure][locale];
  switch (figure) {
    case 'heatmap':
      return { ...heatTable(data, data.rows, locale, true), sheetName };
    case 'laggards':
      return { ...heatTable(data, data.laggards, locale, false), sheetName };
    case 'area-trend':
      return {
        ...trendTable(data, data.areaTrend, {
          key: 'area',
          header: { vi: 'Lĩnh vực', en: 'Area' },
          type: 'text',
        }),
        sheetName,
      };
    case 'unit-trend':
      return { ...trendTable(data, data.unitTrend, UNIT), sheetName };
    case 'overdue-tasks': {
      const tasks = await prisma.task.findMany({
        where: overdueTasksWhere(data, viewer),
        orderBy: [{ assigneeUnit: { path: 'asc' } }, { dueDate: 'asc' }, { id: 'asc' }],
        select: {
          title: true,
          dueDate: true,
          progress: true,
          escalationLevel: true,
          assigneeUnit: { select: { name: true } },
        },
      });
      return {
        sheetName,
        columns: [
          UNIT,
          { key: 'title', header: { vi: 'Nhiệm vụ', en: 'Task' }, type: 'text', width: 50 },
          { key: 'due', header: { vi: 'Hạn hoàn thành', en: 'Due date' }, type: 'date' },
          { key: 'progress', header: { vi: 'Tiến độ', en: 'Progress' }, type: 'percent' },
          { key: 'escalated', header: { vi: 'Đã báo Ban chỉ đạo', en: 'Escalated' }, type: 'text' },
        ],
        rows: tasks.map((task) => ({
          unit: task.assigneeUnit.name,
          title: task.title,
          due: task.dueDate,
          progress: task.progress,
          escalated: task.escalationLevel >= 2 ? (locale === 'vi' ? 'Có' : 'Yes') : '',
        })),
      };
    }
    case 'open-findings': {
      const findings = await prisma.finding.findMany({
        where: openFindingsWhere(data, viewer),
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        take: DASHBOARD_LIST_SIZE * 20,
        select: {
          description: true,
          severity: true,
          createdAt: true,
          inspection: { select: { title: true, targetUnit: { select: { name: true } } } },
        },
      });
      return {
        sheetName,
        columns: [
          UNIT,
          { key: 'inspection', header: { vi: 'Cuộc kiểm tra', en: 'Inspection' }, type: 'text' },
          { key: 'severity', header: { vi: 'Mức độ', en: 'Severity' }, type: 'text' },
          { key: 'description', header: { vi: 'Nội dung', en: 'Finding' }, type: 'text', width: 60 },
          { key: 'at', header: { vi: 'Ghi nhận lúc', en: 'Recorded' }, type: 'datetime' },
        ],
        rows: findings.map((finding) => ({
          unit: finding.inspection.targetUnit.name,
          inspection: finding.inspection.title,
          severity: finding.severity,
          description: finding.description,
          at: finding.createdAt,
        })),
      };
    }
    case 'plans-being-issued': {
      const plans = await plansBeingIssued(prisma, viewer);
      return {
        sheetName,
        columns: [
          { key: 'plan', header: { vi: 'Kế hoạch', en: 'Plan' }, type: 'text', width: 50 },
          { key: 'year', header: { vi: 'Năm', en: 'Year' }, type: 'number' },
          { key: 'done', header: { vi: 'Nhiệm vụ đã khởi tạo', en: 'Tasks started' }, type: 'number' },
          { key: 'total', header: { vi: 'Tổng số nhiệm vụ', en: 'Tasks' }, type: 'number' },
          { key: 'share', header: { vi: 'Tiến độ ban hành', en: 'Issued' }, type: 'percent' },
        ],
        rows: plans.map((plan) => ({
          plan: plan.title,
          year: plan.year,
          done: plan.issuingDone,
          total: plan.issuingTotal,
          share: (plan.issuingDone / plan.issuingTotal) * 100,
        })),
      };
    }
    case 'late-corrective-actions': {
      const actions = await prisma.correctiveAction.findMany({
        where: lateCorrectiveActionsWhere(data, viewer),
        orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
        take: DASHBOARD_LIST_SIZE * 20,
        select: {
          dueDate: true,
          round: true,
          responsibleUnit: { select: { name: true } },
          finding: { select: { description: true, severity: true } },
        },
      });
      return {
        sheetName,
        columns: [
          UNIT,
          { key: 'finding', header: { vi: 'Phát hiện', en: 'Finding' }, type: 'text', width: 60 },
          { key: 'severity', header: { vi: 'Mức độ', en: 'Severity' }, type: 'text' },
          { key: 'due', header: { vi: 'Hạn khắc phục', en: 'Due date' }, type: 'date' },
          { key: 'round', header: { vi: 'Lượt', en: 'Round' }, type: 'number' },
        ],
        rows: actions.map((action) => ({
          unit: action.responsibleUnit.name,
          finding: action.finding.description,
          severity: action.finding.severity,
          due: action.dueDate,
          round: action.round,
        })),
      };
    }
  }
}

/** GET /dashboard/<figure>.<format>: the session's viewer, the figure's table, the writer's stream. */
export function createDashboardDownloads(deps: {
  prisma: PrismaClient;
  production?: boolean;
  clock?: () => Date;
}) {
  const requests = spreadsheetRequests(deps);
  const now = deps.clock ?? (() => new Date());
  return {
    download(request: Request, figure: string, format: string): Promise<Response> {
      const url = new URL(request.url);
      return requests.download(request, format, async (viewer: Viewer, locale: Locale) => {
        if (!isFigure(figure)) throw new SpreadsheetRefusal(404, 'dashboard.noSuchFigure', 'figure');
        try {
          const table = await dashboardFigure({ prisma: deps.prisma, viewer, locale, now }, figure, {
            planId: url.searchParams.get('plan') || null,
            unitId: url.searchParams.get('unit') || null,
          });
          return { table, fileName: table.sheetName };
        } catch (error) {
          if (error instanceof NotFoundError)
            throw new SpreadsheetRefusal(404, error.messageKey, error.field);
          throw error;
        }
      });
    },
  };
}
