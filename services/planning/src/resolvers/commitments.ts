import { todayInBogota } from '@participa/calendar';
import { networkById, requireNetwork } from '@participa/reference';
import {
  authorize,
  cursorPart,
  decodeCursor,
  inNetwork,
  loadReferenced,
  notFound,
  pageSize,
  parseInput,
  toConnection,
  uuid,
} from '@participa/subgraph-kit';
import {
  allCommitments,
  commitmentsByActIds,
  countActs,
  findActs,
  findActsPage,
  insertAct,
  recordFollowUp,
} from '../data/commitments.ts';
import type { CommitmentActRow, CommitmentRow, SignatoryRow } from '../db/schema.ts';
import { isOverdue } from '../domain/commitments.ts';
import type {
  MutationCreateCommitmentActArgs,
  MutationRecordCommitmentFollowUpArgs,
  QueryCommitmentActArgs,
  QueryCommitmentActsArgs,
  QueryCommitmentActsConnectionArgs,
  QueryCommitmentsArgs,
  Resolvers,
} from '../generated/resolvers-types.ts';
import { createCommitmentActInput, recordFollowUpInput } from '../validation.ts';
import { audit, type Context, networkCodeOf } from './context.ts';

export const commitmentResolvers = {
  Query: {
    commitmentActs: (_: unknown, { networkCode }: QueryCommitmentActsArgs, ctx: Context) =>
      findActs(ctx.db, networkCode ? requireNetwork(networkCode).id : undefined),
    async commitmentActsConnection(_: unknown, args: QueryCommitmentActsConnectionArgs, ctx: Context) {
      const networkId = args.networkCode ? requireNetwork(args.networkCode).id : undefined;
      const size = pageSize(args.first);
      const cursor = decodeCursor(args.after, [cursorPart.date, cursorPart.id]);
      const after = cursor ? { date: cursor[0], id: cursor[1] } : null;
      const rows = await findActsPage(ctx.db, networkId, after, size + 1);
      return toConnection(
        rows,
        size,
        (act) => [act.date, act.id],
        () => countActs(ctx.db, networkId),
      );
    },
    commitmentAct: (_: unknown, { id }: QueryCommitmentActArgs, ctx: Context) =>
      uuid().safeParse(id).success ? ctx.loaders.act.load(id) : null,
    async commitments(_: unknown, { filter }: QueryCommitmentsArgs, ctx: Context) {
      const f = filter ?? {};
      const organizationId = f.organizationId ? parseInput(uuid(), f.organizationId) : null;
      let rows: CommitmentRow[];
      if (f.networkCode) {
        const acts = await findActs(ctx.db, requireNetwork(f.networkCode, 'filter.networkCode').id);
        rows =
          acts.length > 0
            ? await commitmentsByActIds(
                ctx.db,
                acts.map((a) => a.id),
              )
            : [];
      } else {
        rows = await allCommitments(ctx.db);
      }
      const today = todayInBogota();
      return rows.filter(
        (c) =>
          (!organizationId || c.responsibleOrganizationId === organizationId) &&
          (!f.status || c.status === f.status) &&
          (f.overdue == null || isOverdue(c.dueDate, c.status, today) === f.overdue),
      );
    },
  },

  Mutation: {
    async createCommitmentAct(_: unknown, { input }: MutationCreateCommitmentActArgs, ctx: Context) {
      const data = parseInput(createCommitmentActInput, input);
      const networks = [...new Set(data.networkCodes)].map((code, i) =>
        requireNetwork(code, `networkCodes.${i}`),
      );
      // An act binds every network it names: ESE staff sign only for their own network.
      authorize(
        ctx.identity,
        'createCommitmentAct',
        inNetwork(...networks.map((n) => n.code)),
        'No tiene permiso: el personal de una red firma actas solo por su propia red.',
      );
      return ctx.db.transaction(async (tx) => {
        const act = await insertAct(tx, {
          act: {
            title: data.title,
            eventName: data.eventName,
            date: data.date,
            place: data.place,
            summary: data.summary ?? null,
            networkIds: networks.map((n) => n.id),
            createdBy: ctx.identity.sub,
          },
          commitments: data.commitments.map((c) => ({
            ...c,
            responsibleOrganizationId: c.responsibleOrganizationId ?? null,
          })),
          signatories: (data.signatories ?? []).map((s) => ({
            name: s.name,
            organizationId: s.organizationId ?? null,
            role: s.role ?? null,
          })),
        });
        await audit(tx, ctx, 'commitment_act.created', 'CommitmentAct', act.id, {
          networks: networks.map((n) => n.code),
          commitments: data.commitments.length,
        });
        return act;
      });
    },

    async recordCommitmentFollowUp(
      _: unknown,
      { input }: MutationRecordCommitmentFollowUpArgs,
      ctx: Context,
    ) {
      const data = parseInput(recordFollowUpInput, input);
      const commitment = await ctx.loaders.commitment.load(data.commitmentId);
      if (!commitment) throw notFound(`No existe el compromiso ${data.commitmentId}.`);
      const act = (await ctx.loaders.act.load(commitment.actId))!;
      // Staff of any signatory network follow up on the whole act.
      const signatories = act.networkIds.map(networkCodeOf);
      const own = signatories.filter((code) => code === ctx.identity.network);
      authorize(
        ctx.identity,
        'recordCommitmentFollowUp',
        inNetwork(...(own.length ? own : signatories)),
        'Solo las redes firmantes del acta o la Secretaría registran su seguimiento.',
      );
      return ctx.db.transaction(async (tx) => {
        const row = await recordFollowUp(tx, { ...data, recordedBy: ctx.identity.sub });
        await audit(tx, ctx, 'commitment.follow_up', 'Commitment', row.id, { status: row.status });
        return row;
      });
    },
  },

  CommitmentAct: {
    networks: (act: CommitmentActRow) => act.networkIds.filter((id) => networkById(id)).map((id) => ({ id })),
    signatories: (act: CommitmentActRow, _: unknown, ctx: Context) =>
      ctx.loaders.signatoriesOfAct.load(act.id),
    commitments: (act: CommitmentActRow, _: unknown, ctx: Context) =>
      ctx.loaders.commitmentsOfAct.load(act.id),
  },

  Signatory: {
    organization: (s: SignatoryRow) => (s.organizationId ? { id: s.organizationId } : null),
  },

  Commitment: {
    act: (c: CommitmentRow, _: unknown, ctx: Context) => loadReferenced(ctx.loaders.act, c.actId),
    responsibleOrganization: (c: CommitmentRow) =>
      c.responsibleOrganizationId ? { id: c.responsibleOrganizationId } : null,
    overdue: (c: CommitmentRow) => isOverdue(c.dueDate, c.status, todayInBogota()),
    followUps: (c: CommitmentRow, _: unknown, ctx: Context) => ctx.loaders.followUpsOfCommitment.load(c.id),
  },

  Organization: {
    commitments: (o: { id: string }, _: unknown, ctx: Context) =>
      ctx.loaders.commitmentsOfOrganization.load(o.id),
  },
} satisfies Resolvers;
