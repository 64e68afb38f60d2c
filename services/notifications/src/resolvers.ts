import { requireNetwork } from '@participa/reference';
import {
  authorize,
  badUserInput,
  conflict,
  cursorPart,
  decodeCursor,
  email,
  inNetwork,
  networkCode,
  notFound,
  pageSize,
  parseInput,
  toConnection,
  unauthenticated,
  uuid,
  z,
} from '@participa/subgraph-kit';
import {
  deleteContactPoint,
  findContactPoint,
  insertContactPoint,
  listContactPoints,
  updateContactPoint,
} from './contact-points.ts';
import type { Context } from './context.ts';
import { countDeliveries, findDeliveriesPage, requeueFailed } from './data/deliveries.ts';
import { countNotifications, findNotificationsPage, markAllRead, markRead } from './data/notifications.ts';
import { type ContactPointRow, type DeliveryRow, type NotificationRow, optOuts } from './db/schema.ts';
import type {
  MutationCreateNotificationContactPointArgs,
  MutationDeleteNotificationContactPointArgs,
  MutationMarkNotificationReadArgs,
  MutationRetryNotificationDeliveryArgs,
  MutationUnsubscribeNotificationsArgs,
  MutationUpdateMyNotificationSettingsArgs,
  MutationUpdateNotificationContactPointArgs,
  QueryMyNotificationsArgs,
  QueryNotificationContactPointsArgs,
  QueryNotificationDeliveriesArgs,
  RecipientKind,
  Resolvers,
} from './generated/resolvers-types.ts';
import { inboxesOf } from './inboxes.ts';
import { readUnsubscribeToken } from './links.ts';
import { readPersonSettings, writePersonSettings } from './person-settings.ts';

function requireInboxes(ctx: Context): string[] {
  const inboxes = inboxesOf(ctx.identity);
  if (inboxes.length === 0) throw unauthenticated('Inicie sesión para ver sus notificaciones.');
  return inboxes;
}

const DIGEST_MODES = ['IMMEDIATE', 'DAILY', 'WEEKLY', 'NONE'] as const;
const ROLES = { ESE_STAFF: 'ese_staff', ESE_ADMIN: 'ese_admin', SECRETARIAT: 'secretariat' } as const;
type RoleName = keyof typeof ROLES;
const DISTRICT = '*';

/** An event kind (`pqrs.received`), or `*` for every kind. */
const eventKind = () =>
  z
    .string()
    .trim()
    .regex(/^(\*|[a-z_]+\.[a-z_]+)$/, 'debe ser un tipo de evento como pqrs.received, o *');
const kinds = () => z.array(eventKind()).max(50, 'admite como máximo 50 tipos');

const settingsInput = z.object({
  email: email().nullish(),
  digest: z.enum(DIGEST_MODES).optional(),
  mutedKinds: kinds().optional(),
});

/** `*` or a network code as `Network.code` gives it, then checked against the reference data. */
const contactNetwork = () => z.union([z.literal(DISTRICT), networkCode()]);

const contactPointInput = (production: boolean) =>
  z
    .object({
      networkCode: contactNetwork(),
      role: z.enum(Object.keys(ROLES) as [RoleName, ...RoleName[]]),
      channel: z.enum(['EMAIL', 'WEBHOOK']),
      address: z.string().trim().min(1, 'no puede estar vacío').max(500),
      kinds: kinds().nullish(),
      digest: z.enum(DIGEST_MODES).nullish(),
    })
    .superRefine((input, ctx) => {
      const district = input.networkCode === DISTRICT;
      if (district !== (input.role === 'SECRETARIAT'))
        ctx.addIssue({
          code: 'custom',
          path: ['role'],
          message: 'la Secretaría va con la red *, y los roles de una ESE con el código de su red',
        });
      if (input.channel === 'EMAIL' && !email().safeParse(input.address).success)
        ctx.addIssue({ code: 'custom', path: ['address'], message: 'debe ser un correo electrónico válido' });
      if (input.channel === 'WEBHOOK' && !webhookUrl(input.address, production))
        ctx.addIssue({
          code: 'custom',
          path: ['address'],
          message: 'debe ser una URL https:// (http:// solo en desarrollo)',
        });
    });

function webhookUrl(address: string, production: boolean): boolean {
  try {
    const url = new URL(address);
    return url.protocol === 'https:' || (!production && url.protocol === 'http:');
  } catch {
    return false;
  }
}

const targetOf = (code: string) => inNetwork(code === DISTRICT ? null : code);

function contactPointView(row: ContactPointRow) {
  // Rows are only written with a role of ROLES (createNotificationContactPoint).
  const role = (Object.keys(ROLES) as RoleName[]).find((name) => ROLES[name] === row.role) as RoleName;
  return { ...row, role };
}

async function manageableContactPoint(
  ctx: Context,
  operation: 'updateNotificationContactPoint' | 'deleteNotificationContactPoint',
  id: string,
) {
  const row = uuid().safeParse(id).success ? await findContactPoint(ctx.db, id) : undefined;
  if (!row) throw notFound('El punto de contacto no existe.');
  authorize(
    ctx.identity,
    operation,
    targetOf(row.networkCode),
    'Solo los administradores de la red pueden hacer esto.',
  );
  return row;
}

const RECIPIENT_KINDS: Record<string, RecipientKind> = {
  petitioner: 'PETITIONER',
  participant: 'PARTICIPANT',
  user: 'PERSON',
  contact: 'CONTACT_POINT',
};

function deliveryView(row: DeliveryRow) {
  const prefix = row.recipient.split(':')[0] ?? '';
  return { ...row, recipientKind: RECIPIENT_KINDS[prefix] ?? 'PERSON' };
}

const UNSUBSCRIBED = 'Listo: ya no recibirá estos mensajes. Puede volver a activarlos cuando quiera.';

export const resolvers = {
  Query: {
    async myNotifications(_: unknown, args: QueryMyNotificationsArgs, ctx: Context) {
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
    myNotificationSettings(_: unknown, __: unknown, ctx: Context) {
      authorize(ctx.identity, 'myNotificationSettings');
      return readPersonSettings(ctx.db, ctx.identity.sub!);
    },
    async notificationContactPoints(_: unknown, args: QueryNotificationContactPointsArgs, ctx: Context) {
      const code = parseInput(z.object({ networkCode: contactNetwork() }), args).networkCode;
      if (code !== DISTRICT) requireNetwork(code);
      authorize(
        ctx.identity,
        'notificationContactPoints',
        targetOf(code),
        'Solo los administradores de la red ven sus puntos de contacto.',
      );
      return (await listContactPoints(ctx.db, code)).map(contactPointView);
    },
    async notificationDeliveries(_: unknown, args: QueryNotificationDeliveriesArgs, ctx: Context) {
      authorize(ctx.identity, 'notificationDeliveries');
      const size = pageSize(args.first);
      const cursor = decodeCursor(args.after, [cursorPart.instant, cursorPart.id]);
      const status = args.status ?? null;
      const after = cursor ? { createdAt: cursor[0], id: cursor[1] } : null;
      const rows = await findDeliveriesPage(ctx.db, status, after, size + 1);
      return toConnection(
        rows.map(deliveryView),
        size,
        (row) => [row.createdAt.toISOString(), row.id],
        () => countDeliveries(ctx.db, status),
      );
    },
  },
  Mutation: {
    async markNotificationRead(
      _: unknown,
      { id }: MutationMarkNotificationReadArgs,
      ctx: Context,
    ): Promise<NotificationRow> {
      const inboxes = requireInboxes(ctx);
      const row = uuid().safeParse(id).success ? await markRead(ctx.db, inboxes, id) : undefined;
      // Another person's message is reported as missing: its existence is not theirs to know.
      if (!row) throw notFound('La notificación no existe.');
      return row;
    },
    markAllNotificationsRead: (_: unknown, __: unknown, ctx: Context) =>
      markAllRead(ctx.db, requireInboxes(ctx)),
    updateMyNotificationSettings(_: unknown, args: MutationUpdateMyNotificationSettingsArgs, ctx: Context) {
      authorize(ctx.identity, 'updateMyNotificationSettings');
      const input = parseInput(settingsInput, args.input);
      return writePersonSettings(ctx.db, ctx.identity.sub!, input);
    },
    async createNotificationContactPoint(
      _: unknown,
      args: MutationCreateNotificationContactPointArgs,
      ctx: Context,
    ) {
      const input = parseInput(contactPointInput(process.env.NODE_ENV === 'production'), args.input);
      if (input.networkCode !== DISTRICT) requireNetwork(input.networkCode, 'input.networkCode');
      authorize(
        ctx.identity,
        'createNotificationContactPoint',
        targetOf(input.networkCode),
        'Solo los administradores de la red pueden gestionar sus puntos de contacto.',
      );
      const created = await insertContactPoint(
        ctx.db,
        {
          ...input,
          role: ROLES[input.role],
          kinds: input.kinds ?? [],
          digest: input.channel === 'WEBHOOK' ? 'IMMEDIATE' : (input.digest ?? 'IMMEDIATE'),
        },
        ctx.identity.sub!,
      );
      if (!created) throw conflict('Ese rol ya tiene un punto de contacto con esa dirección.');
      return { contactPoint: contactPointView(created.contactPoint), webhookSecret: created.webhookSecret };
    },
    async updateNotificationContactPoint(
      _: unknown,
      args: MutationUpdateNotificationContactPointArgs,
      ctx: Context,
    ) {
      const row = await manageableContactPoint(ctx, 'updateNotificationContactPoint', args.id);
      const input = parseInput(
        z.object({ kinds: kinds().nullish(), digest: z.enum(DIGEST_MODES).nullish() }),
        args.input,
      );
      const updated = await updateContactPoint(ctx.db, row.id, {
        ...(input.kinds && { kinds: input.kinds }),
        ...(input.digest && row.channel === 'EMAIL' && { digest: input.digest }),
      });
      if (!updated) throw notFound('El punto de contacto no existe.');
      return contactPointView(updated);
    },
    async deleteNotificationContactPoint(
      _: unknown,
      args: MutationDeleteNotificationContactPointArgs,
      ctx: Context,
    ) {
      const row = await manageableContactPoint(ctx, 'deleteNotificationContactPoint', args.id);
      return deleteContactPoint(ctx.db, row.id);
    },
    async unsubscribeNotifications(_: unknown, args: MutationUnsubscribeNotificationsArgs, ctx: Context) {
      authorize(ctx.identity, 'unsubscribeNotifications');
      const subject = readUnsubscribeToken(args.token);
      if (!subject)
        throw badUserInput(
          'token',
          'El enlace para darse de baja no es válido. Copie el enlace completo del mensaje.',
        );
      const kind = args.allKinds ? '*' : subject.kind;
      await ctx.db
        .insert(optOuts)
        .values({ recipient: subject.recipient, kind, channel: subject.channel })
        .onConflictDoNothing();
      return { kind, channel: subject.channel, message: UNSUBSCRIBED };
    },
    async retryNotificationDelivery(_: unknown, args: MutationRetryNotificationDeliveryArgs, ctx: Context) {
      authorize(ctx.identity, 'retryNotificationDelivery');
      const row = uuid().safeParse(args.id).success ? await requeueFailed(ctx.db, args.id) : undefined;
      if (!row) throw notFound('La entrega no existe.');
      return deliveryView(row);
    },
  },
} satisfies Resolvers;
