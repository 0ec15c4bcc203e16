// Calendar dates ('YYYY-MM-DD', a day in Vietnam) and PostgreSQL DATE columns, which Prisma
// reads and writes as midnight UTC.
export const dateOnly = (isoDate: string): Date => new Date(`${isoDate}T00:00:00.000Z`);
export const isoDate = (date: Date): string => date.toISOString().slice(0, 10);
