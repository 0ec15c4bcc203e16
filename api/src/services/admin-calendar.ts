// The holiday calendar administered in the app: list a year, add a holiday or a swapped working
// day, remove one. Holidays are national and every unit's deadlines are counted by them, so only
// an administrator of a top-level unit (the province, the root of the tree) may change them;
// every administrator may read them (docs/authorization.md, "Holidays and criteria sets").
import { randomUUID } from 'node:crypto';
import { Prisma, type Holiday, type HolidayKind } from '../../../prisma/client.ts';
import { compareDates, dayOfWeek, vietnamDate } from '../../../workflows/src/calendar.ts';
import { hasRole, type Viewer } from '../auth.ts';
import type { Context } from '../context.ts';
import { DomainError, NotFoundError } from '../errors.ts';
import type { MessageKey } from '../messages.ts';
import { dateOnly } from './calendar-dates.ts';

export type CalendarContext = Context & { viewer: Viewer };

/**
 * A change of the calendar or of a criteria set that the rules refuse; `reason` is a stable
 * code, `field` the input it concerns.
 */
export class CalendarRefusedError extends DomainError {
  override name = 'CalendarRefusedError';
  constructor(
    messageKey: MessageKey,
    readonly reason: string,
    field: string | null = null,
  ) {
    super(messageKey, field);
  }
}

/** Any administrator reads the calendar and the criteria sets. */
export const isAdmin = (viewer: Viewer | null): boolean => hasRole(viewer, 'ADMIN');

/**
 * The one who changes what applies to every unit (holidays, criteria sets): ADMIN on a
 * top-level unit, i.e. one whose path from the root is itself alone ("/<id>/").
 */
export const isCalendarAdmin = (viewer: Viewer | null): boolean =>
  !!viewer?.roles.some(
    (role) => role.role === 'ADMIN' && role.unitPath.split('/').filter(Boolean).length === 1,
  );

export function requireCalendarAdmin(viewer: Viewer): void {
  if (!isCalendarAdmin(viewer)) throw new CalendarRefusedError('hol.notCalendarAdmin', 'NOT_CALENDAR_ADMIN');
}

const isoDay = (date: Date): string => date.toISOString().slice(0, 10);
const isWeekend = (date: string): boolean => dayOfWeek(date) === 0 || dayOfWeek(date) === 6;

/** The Holiday rows of `year`, in date order. */
export function holidaysOf(context: Context, year: number): Promise<Holiday[]> {
  return context.prisma.holiday.findMany({
    where: { date: { gte: dateOnly(`${year}-01-01`), lte: dateOnly(`${year}-12-31`) } },
    orderBy: { date: 'asc' },
  });
}

function requireFuture(context: Context, date: string, field: string): void {
  if (compareDates(date, vietnamDate(context.now())) <= 0) {
    throw new CalendarRefusedError('hol.notFuture', 'NOT_FUTURE', field);
  }
}

async function audit(
  tx: Prisma.TransactionClient,
  context: CalendarContext,
  event: { action: string; entityId: string; before?: unknown; after?: unknown },
): Promise<string> {
  const json = (value: unknown) =>
    value === undefined ? Prisma.JsonNull : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
  const eventId = `admin-Holiday-${event.entityId}:${randomUUID()}`;
  await tx.auditEvent.create({
    data: {
      eventId,
      actorId: context.viewer.id,
      action: event.action,
      entityType: 'Holiday',
      entityId: event.entityId,
      before: json(event.before),
      after: json(event.after),
      at: context.now(),
    },
  });
  return eventId;
}

/**
 * After the change committed: the running workflows re-plan their timers. A failure to reach
 * Temporal does not undo the change (it is recorded, and the API's own dates already follow
 * it); each workflow then picks the calendar up at its next re-plan, and the failure is logged.
 */
async function announce(context: Context, changeId: string): Promise<void> {
  try {
    await context.commands.announceCalendarChange(changeId);
  } catch (error) {
    console.error(`The calendar change ${changeId} could not be announced to the workflows:`, error);
  }
}

export interface AddHolidayInput {
  date: string;
  kind: HolidayKind;
  nameVi: string;
  nameEn: string;
}

/**
 * A new day in the calendar, from tomorrow on: a HOLIDAY on Monday–Friday (a weekend is off
 * already) or a WORKING_DAY on a Saturday or Sunday; one entry per date.
 */
export async function addHoliday(context: CalendarContext, input: AddHolidayInput): Promise<Holiday> {
  requireCalendarAdmin(context.viewer);
  requireFuture(context, input.date, 'date');
  if (input.kind === 'HOLIDAY' && isWeekend(input.date)) {
    throw new CalendarRefusedError('hol.holidayOnWeekend', 'HOLIDAY_ON_WEEKEND', 'date');
  }
  if (input.kind === 'WORKING_DAY' && !isWeekend(input.date)) {
    throw new CalendarRefusedError('hol.workingDayOnWeekday', 'WORKING_DAY_ON_WEEKDAY', 'date');
  }
  const taken = () => new CalendarRefusedError('hol.dateTaken', 'DATE_TAKEN', 'date');
  if (await context.prisma.holiday.findUnique({ where: { date: dateOnly(input.date) } })) throw taken();
  let changeId = '';
  let holiday: Holiday;
  try {
    holiday = await context.prisma.$transaction(async (tx) => {
      const row = await tx.holiday.create({
        data: { date: dateOnly(input.date), kind: input.kind, nameVi: input.nameVi, nameEn: input.nameEn },
      });
      changeId = await audit(tx, context, { action: 'holiday.added', entityId: row.id, after: row });
      return row;
    });
  } catch (error) {
    // Two administrators adding the same date at once: the second finds it taken.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw taken();
    throw error;
  }
  await announce(context, changeId);
  return holiday;
}

/** Removes a day from tomorrow on; the past stays as it was counted. */
export async function removeHoliday(context: CalendarContext, id: string): Promise<Holiday> {
  requireCalendarAdmin(context.viewer);
  const holiday = await context.prisma.holiday.findUnique({ where: { id } });
  if (!holiday) throw new NotFoundError('notFound.holiday', 'id');
  requireFuture(context, isoDay(holiday.date), 'id');
  let changeId = '';
  await context.prisma.$transaction(async (tx) => {
    const { count } = await tx.holiday.deleteMany({ where: { id } });
    if (count === 0) throw new NotFoundError('notFound.holiday', 'id');
    changeId = await audit(tx, context, { action: 'holiday.removed', entityId: id, before: holiday });
  });
  await announce(context, changeId);
  return holiday;
}
