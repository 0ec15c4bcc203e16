// Spreadsheet imports: the upload (POST /import, multipart) runs the dry run and stores the batch;
// here its problems are read, and it is confirmed (applied once, all or nothing) or discarded.
// A batch belongs to the person who uploaded it; anyone else's reads as unknown.
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { translate } from '../messages.ts';
import {
  batchProblems,
  confirmImport,
  discardImport,
  ImportRefusedError,
  ownBatch,
  type AppliedImport,
  type IssuedImportPassword,
} from '../services/imports.ts';
import type { ImportProblem } from '../spreadsheets/imports/check.ts';
import { columnHeader, type ImportKindName } from '../spreadsheets/imports/columns.ts';
import { PLANNING_ROLES } from '../visibility.ts';
import { unitsInScope } from '../auth.ts';
import { ErrorInterface } from './common.ts';

const importDeps = (context: Context) => ({
  prisma: context.prisma,
  viewer: context.viewer!,
  now: context.now,
});

builder.objectType(ImportRefusedError, {
  name: 'ImportRefusedError',
  description:
    'The import as a whole is refused; `reason` is a stable code (FILE_MISSING, FILE_TOO_LARGE, UNREADABLE, ' +
    'EMPTY, TOO_MANY_ROWS, PLAN_NOT_DRAFT, HAS_PROBLEMS, DISCARDED, APPLIED, STALE), `field` the input.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    reason: t.exposeString('reason'),
    field: t.string({ nullable: true, resolve: (error) => error.field }),
  }),
});

const ImportKindEnum = builder.enumType('ImportKind', { values: ['UNITS', 'USERS', 'TASKS'] as const });
const ImportStatusEnum = builder.enumType('ImportStatus', {
  values: ['DRY_RUN', 'APPLIED', 'DISCARDED'] as const,
});

const ImportProblemType = builder
  .objectRef<ImportProblem & { kind: ImportKindName }>('ImportProblem')
  .implement({
    description:
      'One problem of an uploaded file: the row as Excel numbers it (1 = the header row) and the column.',
    fields: (t) => ({
      row: t.exposeInt('row'),
      column: t.exposeString('column', { description: 'The column’s stable key (e.g. "email", "dueDate").' }),
      columnHeader: t.string({
        description: 'The column’s header in the viewer’s language, as in the template.',
        resolve: (problem, _args, context) => columnHeader(problem.kind, problem.column, context.locale),
      }),
      code: t.exposeString('code'),
      message: t.string({ resolve: (problem, _args, context) => translate(context.locale, problem.code) }),
    }),
  });

const ImportBatchType = builder.prismaObject('ImportBatch', {
  description: 'An uploaded spreadsheet, checked: DRY_RUN (nothing written) until confirmed or discarded.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: ImportKindEnum }),
    status: t.expose('status', { type: ImportStatusEnum }),
    fileName: t.exposeString('fileName'),
    rowCount: t.exposeInt('rowCount', { description: 'Data rows read (blank rows left out).' }),
    planId: t.exposeID('planId', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    appliedAt: t.expose('appliedAt', { type: 'DateTime', nullable: true }),
    problems: t.field({
      type: [ImportProblemType],
      description: 'Every problem by row and column; empty when the file can be applied.',
      resolve: (batch) => batchProblems(batch).map((problem) => ({ ...problem, kind: batch.kind })),
    }),
  }),
});

const ImportedPasswordType = builder.objectRef<IssuedImportPassword>('ImportedPassword').implement({
  description:
    'An imported person’s one-time password, shown once to the administrator (never stored in clear, never ' +
    'in the spreadsheet); they choose their own at first sign-in.',
  fields: (t) => ({
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    oneTimePassword: t.exposeString('oneTimePassword'),
  }),
});

const ImportResultType = builder.objectRef<AppliedImport>('ImportResult').implement({
  fields: (t) => ({
    batch: t.field({ type: ImportBatchType, resolve: (result) => result.batch }),
    created: t.exposeInt('created', {
      description:
        'Rows written by this request; 0 when the batch had been applied before (nothing is written twice).',
    }),
    passwords: t.field({ type: [ImportedPasswordType], resolve: (result) => result.passwords }),
  }),
});

builder.queryField('importBatch', (t) =>
  t.field({
    type: ImportBatchType,
    authScopes: { authenticated: true },
    description: 'One of the viewer’s own uploads with its problems.',
    errors: { types: [NotFoundError], directResult: true },
    args: { id: t.arg.id() },
    resolve: (_root, { id }, context) => ownBatch(importDeps(context), String(id)),
  }),
);

builder.queryField('importPlans', (t) =>
  t.prismaField({
    type: ['ReformPlan'],
    authScopes: { authenticated: true },
    description:
      'The DRAFT plans the viewer may import task assignments into (committee of the issuing unit).',
    resolve: (query, _root, _args, context) =>
      context.prisma.reformPlan.findMany({
        ...query,
        where: { status: 'DRAFT', issuingUnit: unitsInScope(context.viewer!, PLANNING_ROLES) },
        orderBy: [{ year: 'desc' }, { title: 'asc' }],
        take: 100,
      }),
  }),
);

builder.mutationField('confirmImport', (t) =>
  t.field({
    type: ImportResultType,
    authScopes: { authenticated: true },
    description:
      'Applies a checked upload in one transaction, all rows or none, once: confirming again (or a retried ' +
      'request) writes nothing more. Refused when it has problems, was discarded, or no longer passes its checks.',
    errors: { types: [NotFoundError, ImportRefusedError], directResult: true },
    args: { batchId: t.arg.id() },
    resolve: (_root, { batchId }, context) => confirmImport(importDeps(context), String(batchId)),
  }),
);

builder.mutationField('discardImport', (t) =>
  t.field({
    type: ImportBatchType,
    authScopes: { authenticated: true },
    description: 'Drops an upload that was not applied; nothing else changes.',
    errors: { types: [NotFoundError, ImportRefusedError], directResult: true },
    args: { batchId: t.arg.id() },
    resolve: (_root, { batchId }, context) => discardImport(importDeps(context), String(batchId)),
  }),
);
