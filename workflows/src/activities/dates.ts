// Calendar dates ('YYYY-MM-DD', a day in Vietnam) and PostgreSQL DATE columns, which Prisma
// reads and writes as midnight UTC.
import { ApplicationFailure } from '@temporalio/common';
import { isCalendarDate } from '../calendar.ts';

/** Failure type of an activity given a date that does not exist; never retried. */
export const INVALID_DATE_FAILURE = 'InvalidCalendarDate';

/**
 * The DATE column value of a calendar date. A date that does not exist ('2026-13-01') fails the
 * activity at once: retrying could never make it valid, and `new Date` would roll it over.
 */
export const dateOnly = (isoDate: string): Date => {
  if (!isCalendarDate(isoDate)) {
    throw ApplicationFailure.nonRetryable(
      `"${String(isoDate)}" is not a calendar date written YYYY-MM-DD.`,
      INVALID_DATE_FAILURE,
    );
  }
  return new Date(`${isoDate}T00:00:00.000Z`);
};
export const isoDate = (date: Date): string => date.toISOString().slice(0, 10);
