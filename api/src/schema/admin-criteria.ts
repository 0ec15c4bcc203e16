// Criteria sets administered in the app (docs/authorization.md, "Holidays and criteria sets"):
// every administrator reads them; only an administrator of a top-level unit copies, edits (while
// unpublished) and publishes them. Every change answers the whole set, as the page shows it.
import { InputValidationError } from '@pothos/plugin-validation';
import { z } from 'zod';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { CalendarRefusedError, isCalendarAdmin } from '../services/admin-calendar.ts';
import {
  addCriterion,
  copyCriteriaSet,
  criteriaSetFilter,
  publishCriteriaSet,
  removeCriterion,
  updateCriterion,
} from '../services/admin-criteria.ts';
import { calendarAdminOnly, calendarContext } from './admin-calendar.ts';
import { UnitLevel } from './organisation.ts';

export const ScoringMethodEnum = builder.enumType('ScoringMethod', {
  description:
    'SELF_ASSESSED: the unit scores itself with evidence, the council appraises. COMPUTED: from data in ' +
    'the system. SURVEY: imported from a survey index (e.g. SIPAS).',
  values: ['SELF_ASSESSED', 'COMPUTED', 'SURVEY'] as const,
});

builder.prismaObject('Criterion', {
  description: 'A criterion of a criteria set or, under a parent, a sub-criterion.',
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    nameVi: t.exposeString('nameVi'),
    nameEn: t.exposeString('nameEn'),
    maxPoints: t.float({ resolve: (criterion) => Number(criterion.maxPoints) }),
    method: t.expose('method', { type: ScoringMethodEnum }),
    area: t.relation('area', { nullable: true }),
    children: t.relation('children', {
      description: 'The sub-criteria, in order.',
      query: { orderBy: { sortOrder: 'asc' } },
    }),
  }),
});

builder.prismaObject('CriteriaSet', {
  description: 'The yearly PAR-Index-style scoring frame for one level of units.',
  fields: (t) => ({
    id: t.exposeID('id'),
    year: t.exposeInt('year'),
    level: t.expose('level', { type: UnitLevel }),
    name: t.exposeString('name'),
    maxPoints: t.float({ resolve: (set) => Number(set.maxPoints) }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
    criteria: t.relation('criteria', {
      description: 'The criteria (sub-criteria are their `children`), in order.',
      query: { where: { parentId: null }, orderBy: { sortOrder: 'asc' } },
    }),
    canEdit: t.boolean({
      description: 'Whether the viewer may change it now: unpublished, and ADMIN on a top-level unit.',
      select: { publishedAt: true },
      resolve: (set, _args, context) => !set.publishedAt && isCalendarAdmin(context.viewer),
    }),
    canCopy: t.boolean({
      description: 'Whether the viewer may copy it to another year (ADMIN on a top-level unit).',
      resolve: (_set, _args, context) => isCalendarAdmin(context.viewer),
    }),
  }),
});

const year = z.number().int('hol.year').min(2000, 'hol.year').max(2100, 'hol.year');

builder.queryField('criteriaSets', (t) =>
  t.prismaField({
    type: ['CriteriaSet'],
    description: 'The criteria sets, newest year first (administrators).',
    authScopes: calendarAdminOnly,
    args: {
      year: t.arg.int({ required: false }),
      level: t.arg({ type: UnitLevel, required: false }),
    },
    resolve: (query, _root, args, context) =>
      context.prisma.criteriaSet.findMany({ ...query, ...criteriaSetFilter(args) }),
  }),
);

builder.queryField('criteriaSet', (t) =>
  t.prismaField({
    type: 'CriteriaSet',
    nullable: true,
    authScopes: calendarAdminOnly,
    args: { id: t.arg.id() },
    resolve: (query, _root, { id }, context) =>
      context.prisma.criteriaSet.findUnique({ ...query, where: { id: String(id) } }),
  }),
);

const errors = {
  types: [InputValidationError, NotFoundError, CalendarRefusedError],
  directResult: true as const,
};
const points = z
  .number()
  .min(0, 'crit.points')
  .max(1000, 'crit.points')
  .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, 'crit.points');
const name = z.string().trim().min(1, 'crit.name').max(500, 'crit.name');

/** Loads the changed set for the answer, with the selection the client asked for. */
const answer =
  (run: (context: ReturnType<typeof calendarContext>) => Promise<string>) =>
  async (query: object, context: Context) => {
    const id = await run(calendarContext(context));
    return context.prisma.criteriaSet.findUniqueOrThrow({ ...query, where: { id } });
  };

const CopyCriteriaSetInput = builder.inputType('CopyCriteriaSetInput', {
  fields: (t) => ({
    fromId: t.id(),
    toYear: t.int({ validate: year }),
  }),
});

builder.mutationField('copyCriteriaSet', (t) =>
  t.prismaField({
    type: 'CriteriaSet',
    description: 'Copies a set (published or not) to another year for the same level, unpublished.',
    authScopes: calendarAdminOnly,
    errors,
    args: { input: t.arg({ type: CopyCriteriaSetInput }) },
    resolve: (query, _root, { input }, context) =>
      answer((ctx) => copyCriteriaSet(ctx, { fromId: String(input.fromId), toYear: input.toYear }))(
        query,
        context,
      ),
  }),
);

const UpdateCriterionInput = builder.inputType('UpdateCriterionInput', {
  fields: (t) => ({
    id: t.id(),
    nameVi: t.string({ required: false, validate: name }),
    nameEn: t.string({ required: false, validate: name }),
    maxPoints: t.float({ required: false, validate: points }),
    method: t.field({ type: ScoringMethodEnum, required: false }),
  }),
});

builder.mutationField('updateCriterion', (t) =>
  t.prismaField({
    type: 'CriteriaSet',
    description:
      'Changes a criterion of an unpublished set; sub-criteria may not add up to more than their parent.',
    authScopes: calendarAdminOnly,
    errors,
    args: { input: t.arg({ type: UpdateCriterionInput }) },
    resolve: (query, _root, { input }, context) =>
      answer((ctx) =>
        updateCriterion(ctx, {
          ...input,
          id: String(input.id),
          nameVi: input.nameVi?.trim(),
          nameEn: input.nameEn?.trim(),
        }),
      )(query, context),
  }),
);

const AddCriterionInput = builder.inputType('AddCriterionInput', {
  fields: (t) => ({
    criteriaSetId: t.id(),
    parentId: t.id({ required: false, description: 'Set for a sub-criterion (one level only).' }),
    areaId: t.id({ required: false, description: 'The reform area (a sub-criterion takes its parent’s).' }),
    code: t.string({ validate: z.string().regex(/^[\p{L}\d.-]{1,20}$/u, 'crit.code') }),
    nameVi: t.string({ validate: name }),
    nameEn: t.string({ validate: name }),
    maxPoints: t.float({ validate: points }),
    method: t.field({ type: ScoringMethodEnum }),
  }),
});

builder.mutationField('addCriterion', (t) =>
  t.prismaField({
    type: 'CriteriaSet',
    description: 'Adds a criterion, or a sub-criterion under `parentId`, at the end of an unpublished set.',
    authScopes: calendarAdminOnly,
    errors,
    args: { input: t.arg({ type: AddCriterionInput }) },
    resolve: (query, _root, { input }, context) =>
      answer((ctx) =>
        addCriterion(ctx, {
          ...input,
          criteriaSetId: String(input.criteriaSetId),
          parentId: input.parentId == null ? null : String(input.parentId),
          areaId: input.areaId == null ? null : String(input.areaId),
          nameVi: input.nameVi.trim(),
          nameEn: input.nameEn.trim(),
        }),
      )(query, context),
  }),
);

builder.mutationField('removeCriterion', (t) =>
  t.prismaField({
    type: 'CriteriaSet',
    description: 'Removes a criterion of an unpublished set that has no sub-criteria and is not in use.',
    authScopes: calendarAdminOnly,
    errors,
    args: { id: t.arg.id() },
    resolve: (query, _root, { id }, context) =>
      answer((ctx) => removeCriterion(ctx, String(id)))(query, context),
  }),
);

builder.mutationField('publishCriteriaSet', (t) =>
  t.prismaField({
    type: 'CriteriaSet',
    description: 'Publishes a set: it can no longer be edited (copy it for the next year instead).',
    authScopes: calendarAdminOnly,
    errors,
    args: { id: t.arg.id() },
    resolve: (query, _root, { id }, context) =>
      answer((ctx) => publishCriteriaSet(ctx, String(id)))(query, context),
  }),
);
