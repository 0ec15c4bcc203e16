import { builder } from '../builder.ts';
import { reachesUnit, unitsInScope } from '../auth.ts';
import { limitError, MAX_UNITS } from '../limits.ts';
import { translate } from '../messages.ts';

export const UnitLevel = builder.enumType('UnitLevel', {
  values: ['PROVINCE', 'DEPARTMENT', 'DISTRICT', 'COMMUNE', 'TOWN', 'WARD', 'AGENCY'] as const,
});

/** The roles that make someone an official of a unit: who can be named responsible for its tasks. */
const OFFICIAL_ROLES = ['UNIT_HEAD', 'UNIT_STAFF'] as const;
type OfficialRoleName = (typeof OFFICIAL_ROLES)[number];

const OfficialRole = builder.enumType('OfficialRole', { values: OFFICIAL_ROLES });

interface OfficialShape {
  id: string;
  name: string;
  role: OfficialRoleName;
}

const Official = builder.objectRef<OfficialShape>('Official').implement({
  description: 'A live user holding the unit head or staff role in a unit.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    role: t.field({ type: OfficialRole, resolve: (official) => official.role }),
    roleLabel: t.string({
      description: 'The role in the viewer’s language (“Trưởng đơn vị”, “Unit head”).',
      resolve: (official, _args, context) => translate(context.locale, `role.${official.role}`),
    }),
  }),
});

export const UnitType = builder.prismaObject('Unit', {
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    level: t.expose('level', { type: UnitLevel }),
    parentId: t.exposeID('parentId', { nullable: true }),
    mergedIntoId: t.exposeID('mergedIntoId', { nullable: true }),
    officials: t.field({
      type: [Official],
      description:
        'The live users holding UNIT_HEAD or UNIT_STAFF in this unit, heads first, then by name; one ' +
        'entry per person (the head role when they hold both). Empty unless the signed-in user reaches ' +
        'the unit (its own head or staff, or a committee, administrator or inspector over it).',
      // Loaded with the unit itself (one statement per level, however many units are listed).
      select: {
        id: true,
        path: true,
        roleAssignments: {
          where: { role: { in: [...OFFICIAL_ROLES] }, user: { active: true } },
          select: { role: true, user: { select: { id: true, name: true } } },
        },
      },
      resolve: (unit, _args, context) => {
        if (!context.viewer || !reachesUnit(context.viewer, unit)) return [];
        const byUser = new Map<string, OfficialShape>();
        for (const { role, user } of unit.roleAssignments) {
          const known = byUser.get(user.id);
          if (!known || role === 'UNIT_HEAD') {
            byUser.set(user.id, { id: user.id, name: user.name, role: role as OfficialRoleName });
          }
        }
        return [...byUser.values()].sort(
          (a, b) =>
            OFFICIAL_ROLES.indexOf(a.role) - OFFICIAL_ROLES.indexOf(b.role) ||
            a.name.localeCompare(b.name, 'vi') ||
            a.id.localeCompare(b.id),
        );
      },
    }),
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
