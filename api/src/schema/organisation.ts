import { builder } from '../builder.ts';
import { unitsInScope } from '../auth.ts';
import { limitError, MAX_UNITS } from '../limits.ts';

export const UnitLevel = builder.enumType('UnitLevel', {
  values: ['PROVINCE', 'DEPARTMENT', 'DISTRICT', 'COMMUNE', 'TOWN', 'WARD', 'AGENCY'] as const,
});

export const UnitType = builder.prismaObject('Unit', {
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    level: t.expose('level', { type: UnitLevel }),
    parentId: t.exposeID('parentId', { nullable: true }),
    mergedIntoId: t.exposeID('mergedIntoId', { nullable: true }),
  }),
});

builder.prismaObject('ReformArea', {
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    name: t.string({
      resolve: (area, _args, context) => (context.locale === 'en' ? area.nameEn : area.nameVi),
    }),
  }),
});

builder.queryField('units', (t) =>
  t.prismaField({
    type: ['Unit'],
    description:
      'Live units the signed-in user reaches, in tree order; optionally only one level. ' +
      `At most ${MAX_UNITS}: more is refused with LIST_TOO_LONG (filter by level), never cut short.`,
    authScopes: { authenticated: true },
    args: { level: t.arg({ type: UnitLevel, required: false }) },
    complexity: { field: 1, multiplier: MAX_UNITS },
    resolve: async (query, _root, { level }, context) => {
      const units = await context.prisma.unit.findMany({
        ...query,
        where: { AND: [unitsInScope(context.viewer!), { mergedIntoId: null }, level ? { level } : {}] },
        orderBy: [{ path: 'asc' }],
        take: MAX_UNITS + 1,
      });
      if (units.length > MAX_UNITS) {
        throw limitError(context.locale, 'LIST_TOO_LONG', 'limits.tooManyUnits', { max: MAX_UNITS });
      }
      return units;
    },
  }),
);

builder.queryField('reformAreas', (t) =>
  t.prismaField({
    type: ['ReformArea'],
    description: 'The six reform areas.',
    authScopes: { authenticated: true },
    resolve: (query, _root, _args, context) =>
      context.prisma.reformArea.findMany({ ...query, orderBy: { sortOrder: 'asc' } }),
  }),
);
