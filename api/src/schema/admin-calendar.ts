// The holiday calendar administered in the app (docs/authorization.md, "Holidays and criteria
// sets"): every administrator reads it; only an administrator of a top-level unit changes it.
import { InputValidationError } from '@pothos/plugin-validation';
import { z } from 'zod';
import { isCalendarDate } from '../../../workflows/src/calendar.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import {
  CalendarRefusedError,
  addHoliday,
  holidaysOf,
  isAdmin,
  isCalendarAdmin,
  removeHoliday,
} from '../services/admin-calendar.ts';
import { ErrorInterface } from './common.ts';

/** Only administrators reach these fields; anonymous callers are told to sign in. */
export const calendarAdminOnly = (_parent: unknown, _args: unknown, context: Context) =>
  isAdmin(context.viewer);

export const calendarContext = (context: Context) => ({ ...context, viewer: context.viewer! });

builder.objectType(CalendarRefusedError, {
  name: 'CalendarRefusedError',
  description:
    'A change of the holiday calendar or of a criteria set that the rules refuse; `reason` is a stable ' +
    'code (NOT_CALENDAR_ADMIN, NOT_FUTURE, DATE_TAKEN, HOLIDAY_ON_WEEKEND, WORKING_DAY_ON_WEEKDAY, ' +
    'PUBLISHED, YEAR_TAKEN, OVER_PARENT, OVER_SET, CODE_TAKEN, TOO_DEEP, HAS_CHILDREN, IN_USE, EMPTY), ' +
    '`field` the input it concerns.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    reason: t.exposeString('reason'),
    field: t.string({ nullable: true, resolve: (error) => error.field }),
  }),
});

export const HolidayKindEnum = builder.enumType('HolidayKind', {
  description:
    'HOLIDAY: a day off on Monday–Friday. WORKING_DAY: a Saturday or Sunday worked in exchange for a ' +
    'weekday off (hoán đổi ngày làm việc); the working-day calendar counts it as a working day.',
  values: ['HOLIDAY', 'WORKING_DAY'] as const,
});

export const HolidayType = builder.prismaObject('Holiday', {
  description: 'A day of the working-day calendar that every deadline is counted by.',
  fields: (t) => ({
    id: t.exposeID('id'),
    date: t.expose('date', { type: 'Date' }),
    kind: t.expose('kind', { type: HolidayKindEnum }),
    nameVi: t.exposeString('nameVi'),
    nameEn: t.exposeString('nameEn'),
  }),
});

const yearArg = z.number().int('hol.year').min(2000, 'hol.year').max(2100, 'hol.year');

interface HolidayYearShape {
  year: number;
  days: Awaited<ReturnType<typeof holidaysOf>>;
  canEdit: boolean;
}

const HolidayYear = builder.objectRef<HolidayYearShape>('HolidayYear').implement({
  description: 'One year of the working-day calendar.',
  fields: (t) => ({
    year: t.exposeInt('year'),
    days: t.field({
      type: [HolidayType],
      description: 'The holidays and swapped working days, in date order.',
      resolve: (year) => year.days,
    }),
    canEdit: t.exposeBoolean('canEdit', {
      description: 'Whether the viewer may add and remove days (ADMIN on a top-level unit).',
    }),
  }),
});

builder.queryField('holidays', (t) =>
  t.field({
    type: HolidayYear,
    description: 'The holidays and swapped working days of a year (administrators).',
    authScopes: calendarAdminOnly,
    errors: { types: [InputValidationError], directResult: true },
    args: { year: t.arg.int({ validate: yearArg }) },
    resolve: async (_root, { year }, context) => ({
      year,
      days: await holidaysOf(context, year),
      canEdit: isCalendarAdmin(context.viewer),
    }),
  }),
);

const name = (key: 'hol.name') => z.string().trim().min(1, key).max(200, key);

const AddHolidayInput = builder.inputType('AddHolidayInput', {
  fields: (t) => ({
    date: t.string({
      description: 'YYYY-MM-DD, after today (Vietnam time).',
      validate: z.string().refine(isCalendarDate, 'input.date'),
    }),
    kind: t.field({ type: HolidayKindEnum }),
    nameVi: t.string({ validate: name('hol.name') }),
    nameEn: t.string({ validate: name('hol.name') }),
  }),
});

builder.mutationField('addHoliday', (t) =>
  t.field({
    type: HolidayType,
    description:
      'Adds a holiday (Monday–Friday) or a swapped working day (Saturday or Sunday) from tomorrow on; ' +
      'running tasks and corrective actions re-plan their reminders.',
    authScopes: calendarAdminOnly,
    errors: { types: [InputValidationError, CalendarRefusedError], directResult: true },
    args: { input: t.arg({ type: AddHolidayInput }) },
    resolve: (_root, { input }, context) =>
      addHoliday(calendarContext(context), {
        ...input,
        nameVi: input.nameVi.trim(),
        nameEn: input.nameEn.trim(),
      }),
  }),
);

builder.mutationField('removeHoliday', (t) =>
  t.field({
    type: HolidayType,
    description:
      'Removes a day from tomorrow on (answers the removed day); running work re-plans its reminders.',
    authScopes: calendarAdminOnly,
    errors: { types: [NotFoundError, CalendarRefusedError], directResult: true },
    args: { id: t.arg.id() },
    resolve: (_root, { id }, context) => removeHoliday(calendarContext(context), String(id)),
  }),
);
