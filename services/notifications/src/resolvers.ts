import {
  cursorPart,
  decodeCursor,
  notFound,
  pageSize,
  toConnection,
  unauthenticated,
  uuid,
} from '@participa/subgraph-kit';
import type { Context } from './context.ts';
import { countNotifications, findNotificationsPage, markAllRead, markRead } from './data/notifications.ts';
import type { NotificationRow } from './db/schema.ts';
import { inboxesOf } from './inboxes.ts';

function requireInboxes(ctx: Context): string[] {
  const inboxes = inboxesOf(ctx.identity);
  if (inboxes.length === 0) throw unauthenticated('Inicie sesión para ver sus notificaciones.');
  return inboxes;
}

interface PageArgs {
  unreadOnly?: boolean | null;
  first?: number | null;
  after?: string | null;
}

export const resolvers = {
  Query: {
    async myNotifications(_: unknown, args: PageArgs, ctx: Context) {
      const inboxes = requireInboxes(ctx);
      const size = pageSize(args.first);
      const cursor = decodeCursor(args.after, [cursorPart.instant, cursorPart.id]);
      const unreadOnly = Boolean(args.unreadOnly);
      const after = cursor ? { createdAt: cursor[0], id: cursor[1] } : null;
      const rows = await findNotificationsPage(ctx.db, inboxes, unreadOnly, after, size + 1);
      return toConnection(
        rows,
        size,
        (row) => [row.createdAt.toISOString(), row.id],
        () => countNotifications(ctx.db, inboxes, unreadOnly),
      );
    },
    unreadNotificationCount: (_: unknown, __: unknown, ctx: Context) =>
      countNotifications(ctx.db, requireInboxes(ctx), true),
  },
  Mutation: {
    async markNotificationRead(_: unknown, { id }: { id: string }, ctx: Context): Promise<NotificationRow> {
      const inboxes = requireInboxes(ctx);
      const row = uuid().safeParse(id).success ? await markRead(ctx.db, inboxes, id) : undefined;
      // Another person's message is reported as missing: its existence is not theirs to know.
      if (!row) throw notFound('La notificación no existe.');
      return row;
    },
    markAllNotificationsRead: (_: unknown, __: unknown, ctx: Context) =>
      markAllRead(ctx.db, requireInboxes(ctx)),
  },
};
