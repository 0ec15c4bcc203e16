import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { graphql } from '#lib/graphql.ts';
import { localPath, readForm } from '#lib/server/forms.ts';
import { execute } from '#lib/server/graphql.ts';
import { NOTIFICATIONS_QUERY } from '#lib/queries.ts';

export const load: PageServerLoad = async (event) => {
  // `after` pages through the list, 50 notifications at a time.
  const { notifications } = await execute(event, NOTIFICATIONS_QUERY, {
    after: event.url.searchParams.get('after'),
  });
  return {
    // A link is a path of this app (the API promises it); localPath makes sure of it.
    notifications: notifications.edges.map(({ node }) => ({
      ...node,
      link: node.link && localPath(node.link),
    })),
    totalCount: notifications.totalCount,
    nextCursor: notifications.pageInfo.hasNextPage ? notifications.pageInfo.endCursor : null,
  };
};

const MARK_READ = graphql(`
  mutation MarkNotificationRead($id: ID!) {
    markNotificationRead(id: $id) {
      __typename
    }
  }
`);

const UNREAD_COUNT = graphql(`
  query UnreadCount {
    me {
      unreadNotifications
    }
  }
`);

const MARK_ALL_READ = graphql(`
  mutation MarkAllNotificationsRead {
    markAllNotificationsRead
  }
`);

export const actions: Actions = {
  read: async (event) => {
    const form = await readForm(event.request);
    if (!form.id) return fail(400, { marked: 0 });
    const { markNotificationRead } = await execute(event, MARK_READ, { id: form.id });
    if (markNotificationRead.__typename !== 'Notification') return fail(404, { marked: 0 });
    // The bell in the header of the page this action renders (without JavaScript) shows the new count.
    const { me } = await execute(event, UNREAD_COUNT);
    if (event.locals.user && me) event.locals.user.unreadNotifications = me.unreadNotifications;
    return { marked: 1 };
  },
  readAll: async (event) => {
    const { markAllNotificationsRead } = await execute(event, MARK_ALL_READ);
    if (event.locals.user) event.locals.user.unreadNotifications = 0;
    return { marked: markAllNotificationsRead, all: true };
  },
};
