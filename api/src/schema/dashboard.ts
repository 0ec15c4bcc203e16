// Dashboards and the unit page (issue 11): see services/dashboard.ts and docs/authorization.md
// "Dashboards".
import type { Unit } from '../../../prisma/client.ts';
import { builder } from '../builder.ts';
import { NotFoundError } from '../errors.ts';
import { correctiveActionsVisibleTo, inspectionsVisibleTo } from '../inspection-visibility.ts';
import { translate } from '../messages.ts';
import {
  dashboard,
  DASHBOARD_LIST_SIZE,
  LAGGARD_COUNT,
  lateCorrectiveActionsWhere,
  MAX_HEAT_ROWS,
  openFindingsWhere,
  overdueTasksWhere,
  plansBeingIssued,
  unitPage,
  type DashboardData,
  type HeatCell,
  type HeatRow,
  type TrendSeries,
  type UnitPageData,
} from '../services/dashboard.ts';
import { tasksVisibleTo } from '../visibility.ts';
import { UnitLevel, UnitType } from './organisation.ts';

type UnitSummary = Pick<Unit, 'id' | 'name' | 'code' | 'level'>;

const DashboardUnit = builder.objectRef<UnitSummary>('DashboardUnit').implement({
  description: 'A unit as a dashboard names it (its page: /units/<id>).',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    code: t.exposeString('code'),
    level: t.field({ type: UnitLevel, resolve: (unit) => unit.level }),
  }),
});

const HeatCellType = builder.objectRef<HeatCell>('HeatCell').implement({
  description: 'One unit × reform area: the roll-up of the tasks there that the viewer may see figures for.',
  fields: (t) => ({
    areaId: t.exposeID('areaId', { description: 'Empty for a row’s total.' }),
    completion: t.float({
      nullable: true,
      description: 'Weighted completion 0–100 (rollup.ts); null when no task counts: “no data”, not 0 %.',
      resolve: (cell) => cell.completion,
    }),
    taskCount: t.exposeInt('taskCount', { description: 'Tasks that count (cancelled ones left out).' }),
    completed: t.exposeInt('completed'),
    overdue: t.exposeInt('overdue', { description: 'Open tasks due before today (Vietnam time).' }),
  }),
});

const HeatRowType = builder.objectRef<HeatRow>('HeatRow').implement({
  description: 'A row of the heat map: a child unit’s whole subtree, or the scope unit’s own tasks.',
  fields: (t) => ({
    unit: t.field({ type: DashboardUnit, resolve: (row) => row.unit }),
    own: t.exposeBoolean('own', { description: 'The scope unit’s own tasks, not a child’s subtree.' }),
    drillable: t.exposeBoolean('drillable', {
      description: 'The unit has units below it the viewer reaches: its dashboard is a drill-down.',
    }),
    cells: t.field({
      type: [HeatCellType],
      description: 'One per reform area, in the order of `Dashboard.areas`.',
      resolve: (row) => row.cells,
    }),
    total: t.field({ type: HeatCellType, resolve: (row) => row.total }),
  }),
});

const TrendSeriesType = builder.objectRef<TrendSeries>('TrendSeries').implement({
  description: 'Completion at the close of each reporting period, from the completion snapshots.',
  fields: (t) => ({
    key: t.exposeID('key', { description: 'The area’s or the unit’s ID.' }),
    label: t.exposeString('label'),
    values: t.field({
      type: ['Float'],
      nullable: { list: false, items: true },
      description: 'One per `Dashboard.periods`; null: no data in that period.',
      resolve: (series) => series.points.map((point) => point.completion),
    }),
  }),
});

interface PeriodShape {
  id: string;
  number: number;
  endsOn: Date;
  cadence: string;
}

const TrendPeriod = builder.objectRef<PeriodShape>('TrendPeriod').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    number: t.exposeInt('number'),
    endsOn: t.field({ type: 'Date', resolve: (period) => period.endsOn }),
    label: t.string({
      description: 'The period in the viewer’s language (“Quý 1”, “Q1”, “6 tháng đầu năm”, “H1”).',
      resolve: (period, _args, context) =>
        period.cadence === 'HALF_YEARLY'
          ? translate(context.locale, `dashboard.half.${period.number === 1 ? 1 : 2}`)
          : translate(context.locale, 'dashboard.quarter').replace('{n}', String(period.number)),
    }),
  }),
});

const DashboardType = builder.objectRef<DashboardData>('Dashboard').implement({
  description:
    'A plan’s completion under one unit: the heat map of its child units × reform areas, the trend per ' +
    'period, and who is late. Figures cover the units the viewer reaches (docs/authorization.md “Dashboards”).',
  fields: (t) => ({
    plan: t.prismaField({
      type: 'ReformPlan',
      resolve: (query, data, _args, context) =>
        context.prisma.reformPlan.findUniqueOrThrow({ ...query, where: { id: data.planId } }),
    }),
    unit: t.field({ type: DashboardUnit, resolve: (data) => data.unit }),
    ancestors: t.field({
      type: [DashboardUnit],
      description: 'The units above `unit` the viewer reaches, from the top: the way back up.',
      resolve: (data) => data.ancestors,
    }),
    areas: t.prismaField({
      type: ['ReformArea'],
      description: 'The heat map’s columns, in order.',
      resolve: (_query, data) => data.areas as never,
    }),
    rows: t.field({
      type: [HeatRowType],
      complexity: { field: 1, multiplier: MAX_HEAT_ROWS },
      description:
        'The scope unit’s own tasks (when it has any), then each child unit (its subtree rolled up), by name. ' +
        `At most ${MAX_HEAT_ROWS}: a wider unit is refused with LIST_TOO_LONG.`,
      resolve: (data) => data.rows,
    }),
    total: t.field({ type: HeatRowType, resolve: (data) => data.total }),
    periods: t.field({
      type: [TrendPeriod],
      description: 'The plan’s closed reporting periods, in order.',
      resolve: (data) => data.periods.map((period) => ({ ...period, cadence: data.cadence })),
    }),
    areaTrend: t.field({ type: [TrendSeriesType], resolve: (data) => data.areaTrend }),
    unitTrend: t.field({
      type: [TrendSeriesType],
      complexity: { field: 1, multiplier: MAX_HEAT_ROWS },
      description: 'One per heat-map row.',
      resolve: (data) => data.unitTrend,
    }),
    laggards: t.field({
      type: [HeatRowType],
      description: `The ${LAGGARD_COUNT} units (at any depth) with the lowest completion, lowest first.`,
      resolve: (data) => data.laggards,
    }),
    overdueTaskCount: t.int({
      resolve: (data, _args, context) =>
        context.prisma.task.count({ where: overdueTasksWhere(data, context.viewer!) }),
    }),
    overdueTasks: t.prismaField({
      type: ['Task'],
      complexity: { field: 1, multiplier: DASHBOARD_LIST_SIZE },
      description:
        `Open tasks of the plan due before today, by unit then due date; the first ${DASHBOARD_LIST_SIZE}. ` +
        '`escalationLevel` 2 means the committee was told.',
      resolve: (query, data, _args, context) =>
        context.prisma.task.findMany({
          ...query,
          where: overdueTasksWhere(data, context.viewer!),
          orderBy: [{ assigneeUnit: { path: 'asc' } }, { dueDate: 'asc' }, { id: 'asc' }],
          take: DASHBOARD_LIST_SIZE,
        }),
    }),
    escalatedTaskCount: t.int({
      description: 'Of the overdue tasks, those escalated to the steering committee.',
      resolve: (data, _args, context) =>
        context.prisma.task.count({
          where: { AND: [overdueTasksWhere(data, context.viewer!), { escalationLevel: { gte: 2 } }] },
        }),
    }),
    openFindings: t.prismaField({
      type: ['Finding'],
      complexity: { field: 1, multiplier: DASHBOARD_LIST_SIZE },
      description:
        'Findings under the unit that require correction and are not verified yet, newest first; the first ' +
        `${DASHBOARD_LIST_SIZE}.`,
      resolve: (query, data, _args, context) =>
        context.prisma.finding.findMany({
          ...query,
          where: openFindingsWhere(data, context.viewer!),
          orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
          take: DASHBOARD_LIST_SIZE,
        }),
    }),
    lateCorrectiveActions: t.prismaField({
      type: ['CorrectiveAction'],
      complexity: { field: 1, multiplier: DASHBOARD_LIST_SIZE },
      description: `Corrective actions under the unit still open after their due date, oldest due first; the first ${DASHBOARD_LIST_SIZE}.`,
      resolve: (query, data, _args, context) =>
        context.prisma.correctiveAction.findMany({
          ...query,
          where: lateCorrectiveActionsWhere(data, context.viewer!),
          orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
          take: DASHBOARD_LIST_SIZE,
        }),
    }),
    plansBeingIssued: t.prismaField({
      type: ['ReformPlan'],
      description: 'Plans the viewer sees whose tasks are still being started (issuingDone < issuingTotal).',
      resolve: (_query, _data, _args, context) => plansBeingIssued(context.prisma, context.viewer!),
    }),
    xlsxUrl: t.string({
      description: 'Where the heat map downloads as a spreadsheet (the web app’s route).',
      resolve: (data) =>
        `/dashboard/heatmap.xlsx?plan=${encodeURIComponent(data.planId)}&unit=${encodeURIComponent(data.unit.id)}`,
    }),
  }),
});

// The dashboard's overdue list says which tasks the committee was told about.
builder.prismaObjectField('Task', 'escalationLevel', (t) =>
  t.exposeInt('escalationLevel', {
    description: '0 none, 1 overdue (the unit head was told), 2 escalated to the steering committee.',
  }),
);

builder.queryField('dashboard', (t) =>
  t.field({
    type: DashboardType,
    authScopes: { authenticated: true },
    errors: { types: [NotFoundError], directResult: true },
    description:
      'The dashboard of a plan (default: the newest issued plan the viewer sees) under a unit (default: the ' +
      'plan’s issuing unit when the viewer reaches it, else the viewer’s highest unit). A plan or unit that ' +
      'does not exist, is a draft, or is out of the viewer’s reach is NotFoundError (field planId / unitId).',
    args: { planId: t.arg.id({ required: false }), unitId: t.arg.id({ required: false }) },
    resolve: (_root, { planId, unitId }, context) =>
      dashboard(
        { ...context, viewer: context.viewer! },
        { planId: planId == null ? null : String(planId), unitId: unitId == null ? null : String(unitId) },
      ),
  }),
);

// ---- The unit page ----

const UnitPerson = builder
  .objectRef<{ id: string; name: string; email: string | null; roles: string[] }>('UnitPerson')
  .implement({
    description: 'Someone holding a role at the unit.',
    fields: (t) => ({
      id: t.exposeID('id'),
      name: t.exposeString('name'),
      email: t.exposeString('email', {
        nullable: true,
        description: 'Only for the unit’s own head, and the committee and administrators over it.',
      }),
      roles: t.stringList({
        description: 'Role names in the viewer’s language, head first.',
        resolve: (person, _args, context) =>
          person.roles.map((role) => translate(context.locale, `dashboard.role.${role}`)),
      }),
    }),
  });

const MergedUnit = builder.objectRef<UnitSummary & { mergedAt: Date | null }>('MergedUnit').implement({
  description: 'A unit merged into this one: it keeps its history, its open work moved here.',
  fields: (t) => ({
    unit: t.field({ type: DashboardUnit, resolve: (unit) => unit }),
    mergedAt: t.field({ type: 'DateTime', nullable: true, resolve: (unit) => unit.mergedAt }),
  }),
});

const UnitReport = builder
  .objectRef<{
    id: string;
    percent: number;
    createdAt: Date;
    reviewOutcome: string | null;
    task: { id: string; title: string };
    author: { name: string };
  }>('UnitReport')
  .implement({
    description: 'A progress report on one of the unit’s tasks.',
    fields: (t) => ({
      id: t.exposeID('id'),
      percent: t.exposeInt('percent'),
      createdAt: t.field({ type: 'DateTime', resolve: (report) => report.createdAt }),
      reviewOutcome: t.exposeString('reviewOutcome', { nullable: true }),
      taskId: t.id({ resolve: (report) => report.task.id }),
      taskTitle: t.string({ resolve: (report) => report.task.title }),
      authorName: t.string({ resolve: (report) => report.author.name }),
    }),
  });

const UnitPageType = builder.objectRef<UnitPageData>('UnitPage').implement({
  description:
    'A unit’s page: its tasks, reports, inspections, corrective actions, the units merged into it and its ' +
    'people, as the viewer may see them.',
  fields: (t) => ({
    unit: t.prismaField({
      type: UnitType,
      resolve: (query, page, _args, context) =>
        context.prisma.unit.findUniqueOrThrow({ ...query, where: { id: page.unit.id } }),
    }),
    parent: t.field({ type: DashboardUnit, nullable: true, resolve: (page) => page.parent }),
    children: t.field({
      type: [DashboardUnit],
      complexity: { field: 1, multiplier: MAX_HEAT_ROWS },
      description: 'Live units directly below it that the viewer reaches.',
      resolve: (page) => page.children,
    }),
    mergedInto: t.field({ type: DashboardUnit, nullable: true, resolve: (page) => page.mergedInto }),
    mergedFrom: t.field({ type: [MergedUnit], resolve: (page) => page.mergedFrom }),
    people: t.field({ type: [UnitPerson], resolve: (page) => page.people }),
    tasks: t.prismaField({
      type: ['Task'],
      complexity: { field: 1, multiplier: DASHBOARD_LIST_SIZE },
      description: `Its tasks the viewer sees, newest plan first then by due date; the first ${DASHBOARD_LIST_SIZE}.`,
      resolve: (query, page, _args, context) =>
        context.prisma.task.findMany({
          ...query,
          where: { AND: [{ assigneeUnitId: page.unit.id }, tasksVisibleTo(context.viewer!)] },
          orderBy: [{ plan: { year: 'desc' } }, { dueDate: 'asc' }, { id: 'asc' }],
          take: DASHBOARD_LIST_SIZE,
        }),
    }),
    taskCount: t.int({
      resolve: (page, _args, context) =>
        context.prisma.task.count({
          where: { AND: [{ assigneeUnitId: page.unit.id }, tasksVisibleTo(context.viewer!)] },
        }),
    }),
    reports: t.field({
      type: [UnitReport],
      description: 'The latest 20 progress reports on its tasks, newest first.',
      resolve: (page, _args, context) =>
        context.prisma.progressReport.findMany({
          where: { task: { AND: [{ assigneeUnitId: page.unit.id }, tasksVisibleTo(context.viewer!)] } },
          orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
          take: 20,
          select: {
            id: true,
            percent: true,
            createdAt: true,
            reviewOutcome: true,
            task: { select: { id: true, title: true } },
            author: { select: { name: true } },
          },
        }),
    }),
    inspections: t.prismaField({
      type: ['Inspection'],
      description: 'Its inspections the viewer sees, latest window first; the first 20.',
      resolve: (query, page, _args, context) =>
        context.prisma.inspection.findMany({
          ...query,
          where: { AND: [{ targetUnitId: page.unit.id }, inspectionsVisibleTo(context.viewer!)] },
          orderBy: [{ windowStart: 'desc' }, { id: 'asc' }],
          take: 20,
        }),
    }),
    correctiveActions: t.prismaField({
      type: ['CorrectiveAction'],
      complexity: { field: 1, multiplier: DASHBOARD_LIST_SIZE },
      description: `Corrective actions it is responsible for, soonest due first; the first ${DASHBOARD_LIST_SIZE}.`,
      resolve: (query, page, _args, context) =>
        context.prisma.correctiveAction.findMany({
          ...query,
          where: { AND: [{ responsibleUnitId: page.unit.id }, correctiveActionsVisibleTo(context.viewer!)] },
          orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
          take: DASHBOARD_LIST_SIZE,
        }),
    }),
  }),
});

builder.queryField('unitPage', (t) =>
  t.field({
    type: UnitPageType,
    nullable: true,
    authScopes: { authenticated: true },
    description: 'A unit the viewer reaches (docs/authorization.md “Reach”); null for any other ID.',
    args: { id: t.arg.id() },
    resolve: (_root, { id }, context) => unitPage({ ...context, viewer: context.viewer! }, String(id)),
  }),
);
