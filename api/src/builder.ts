import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import type PrismaTypes from '../../prisma/generated/pothos-types.ts';
import { getDatamodel } from '../../prisma/generated/pothos-types.ts';
import { hasRole } from './auth.ts';
import type { Context } from './context.ts';
import { forbidden, unauthenticated } from './errors.ts';
import { DEFAULT_PAGE_SIZE, fieldComplexity, MAX_PAGE_SIZE } from './limits.ts';
import { translate } from './messages.ts';

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: {
    authenticated: boolean;
    steering: boolean;
    reporter: boolean;
    unitHead: boolean;
    reassigner: boolean;
  };
  Scalars: {
    Date: { Input: string; Output: Date };
    DateTime: { Input: Date; Output: Date };
    Decimal: { Input: never; Output: number };
  };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, PrismaPlugin, RelayPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  scopeAuth: {
    authScopes: (context) => ({
      authenticated: !!context.viewer,
      // Plans are written by the steering committee; ADMIN keeps units and accounts only.
      steering: hasRole(context.viewer, 'STEERING'),
      reporter: hasRole(context.viewer, 'UNIT_HEAD', 'UNIT_STAFF'),
      // A unit's head accepts and submits its tasks and asks for more time.
      unitHead: hasRole(context.viewer, 'UNIT_HEAD'),
      // Reassigning a task: the committee, or the administrator after a unit merger.
      reassigner: hasRole(context.viewer, 'STEERING', 'ADMIN'),
    }),
    unauthorizedError: (_parent, context) =>
      context.viewer
        ? forbidden(translate(context.locale, 'auth.forbidden'))
        : unauthenticated(translate(context.locale, 'auth.required')),
  },
  errors: { unsafelyHandleInputErrors: true },
  prisma: {
    // The client comes from the request context, so tests and the app inject their own.
    client: (context) => context.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    // limits.ts refuses a larger `first` / `last` before anything runs, so these never clamp.
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
    maxConnectionSize: MAX_PAGE_SIZE,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
  },
  relay: {},
  // The cost of each field (limits.ts); the budget is checked per request by useQueryLimits.
  complexity: { fieldComplexity },
});
