import { builder } from '../builder.ts';
import { unitsInScope } from '../auth.ts';

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
    description: 'Live units the signed-in user reaches, in tree order; optionally only one level.',
    authScopes: { authenticated: true },
    args: { level: t.arg({ type: UnitLevel, required: false }) },
    resolve: (query, _root, { level }, context) =>
      context.prisma.unit.findMany({
        ...query,
        where: { AND: [unitsInScope(context.viewer!), { mergedIntoId: null }, level ? { level } : {}] },
        orderBy: [{ path: 'asc' }],
      }),
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
