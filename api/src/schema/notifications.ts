// The viewer's own notifications. A row stores a stable kind and its params (written by the
// workflows' notify activity); the title and body are rendered here in the language the API
// answers in, from the same catalogue the e-mails use, so a changed language applies to old
// notifications too.
import {
  notificationKinds,
  renderNotification,
  type NotificationKind,
  type NotificationParams,
} from '../../../workflows/src/notifications.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { ViewerType } from './auth.ts';

const isKind = (kind: string): kind is NotificationKind => (notificationKinds as string[]).includes(kind);

function rendered(row: { kind: string; params: unknown }, context: Context) {
  if (!isKind(row.kind)) return { subject: row.kind, body: '' };
  const params = (row.params ?? {}) as NotificationParams;
  return renderNotification(row.kind, params, context.locale);
}

/**
 * A stored link is shown only when it is a path on this site: a row with anything else (another
 * origin, `//host`, a scheme, a backslash) links nowhere rather than away from the app.
 */
export function localLink(link: string | null): string | null {
  if (!link || !/^\/(?![/\\])/.test(link) || /[\\\s]/.test(link)) return null;
  return link;
}

builder.prismaObject('Notification', {
  description: 'A message to the signed-in user about a change in their work.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.exposeString('kind', { description: 'Stable key, e.g. "task.returned".' }),
    title: t.string({
      description: 'In the language the API answers in (the user’s chosen language).',
      resolve: (row, _args, context) => rendered(row, context).subject,
    }),
    body: t.string({ resolve: (row, _args, context) => rendered(row, context).body }),
    link: t.string({
      nullable: true,
      description: 'A path in the web app, e.g. /tasks/<id>; never another site.',
      resolve: (row) => localLink(row.link),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    readAt: t.expose('readAt', { type: 'DateTime', nullable: true }),
  }),
});

const ownNotifications = (context: Context, unreadOnly: boolean) => ({
  userId: context.viewer!.id,
  ...(unreadOnly ? { readAt: null } : {}),
});

builder.queryField('notifications', (t) =>
  t.prismaConnection({
    type: 'Notification',
    cursor: 'id',
    authScopes: { authenticated: true },
    description:
      'The signed-in user’s notifications, newest first; pages of `first` (default 50, at most 200).',
    args: { unreadOnly: t.arg.boolean({ required: false, defaultValue: false }) },
    totalCount: (_parent, args, context) =>
      context.prisma.notification.count({ where: ownNotifications(context, !!args.unreadOnly) }),
    resolve: (query, _root, args, context) =>
      context.prisma.notification.findMany({
        ...query,
        where: ownNotifications(context, !!args.unreadOnly),
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
  }),
);

builder.objectField(ViewerType, 'unreadNotifications', (t) =>
  t.int({
    description: 'How many of the user’s notifications are unread (for the bell).',
    // Counted on the (userId, readAt) index.
    resolve: (viewer, _args, context) =>
      context.prisma.notification.count({ where: { userId: viewer.id, readAt: null } }),
  }),
);

builder.mutationField('markNotificationRead', (t) =>
  t.prismaField({
    type: 'Notification',
    description: 'Marks one of the user’s own notifications read (a second call changes nothing).',
    authScopes: { authenticated: true },
    errors: { types: [NotFoundError], directResult: true },
    args: { id: t.arg.id() },
    resolve: async (query, _root, args, context) => {
      const where = { id: String(args.id), userId: context.viewer!.id };
      // Someone else's notification is not found, and nothing is written.
      await context.prisma.notification.updateMany({
        where: { ...where, readAt: null },
        data: { readAt: context.now() },
      });
      const row = await context.prisma.notification.findFirst({ ...query, where });
      if (!row) throw new NotFoundError('notFound.notification', 'id');
      return row;
    },
  }),
);

builder.mutationField('markAllNotificationsRead', (t) =>
  t.int({
    description: 'Marks every unread notification of the user read; returns how many were marked.',
    authScopes: { authenticated: true },
    resolve: async (_root, _args, context) => {
      const { count } = await context.prisma.notification.updateMany({
        where: { userId: context.viewer!.id, readAt: null },
        data: { readAt: context.now() },
      });
      return count;
    },
  }),
);
