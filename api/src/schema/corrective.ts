// The corrective part of the GraphQL schema (issue 10); see /work/briefs/contract.md.
import { builder } from '../builder.ts';

/** The API's statuses; the database's REJECTED (a round turned down) reads as OPEN again. */
export const CorrectiveStatus = builder.enumType('CorrectiveStatus', {
  values: ['OPEN', 'SUBMITTED', 'VERIFIED', 'CANCELLED'] as const,
});

type DbCorrectiveStatus = 'OPEN' | 'SUBMITTED' | 'VERIFIED' | 'REJECTED' | 'CANCELLED';

export const apiCorrectiveStatus = (
  status: DbCorrectiveStatus,
): 'OPEN' | 'SUBMITTED' | 'VERIFIED' | 'CANCELLED' => (status === 'REJECTED' ? 'OPEN' : status);

builder.prismaObject('CorrectiveAction', {
  description: 'What a unit must do about a finding, checked by the inspection’s inspectors.',
  fields: (t) => ({
    id: t.exposeID('id'),
    status: t.field({
      type: CorrectiveStatus,
      select: { status: true },
      resolve: (action) => apiCorrectiveStatus(action.status),
    }),
    round: t.exposeInt('round'),
    dueDate: t.expose('dueDate', { type: 'Date' }),
    escalationLevel: t.exposeInt('escalationLevel'),
    reinspect: t.exposeBoolean('reinspect'),
    verifiedAt: t.expose('verifiedAt', { type: 'DateTime', nullable: true }),
  }),
});
