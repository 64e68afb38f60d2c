import {
  authorize,
  badUserInput,
  conflict,
  notFound,
  parseInput,
  SECRETARIAT_ONLY,
} from '@participa/subgraph-kit';
import { deleteUnusedLine, insertLine, isLineUsed, updateLine } from '../data/reference.ts';
import type { ActionLineRow, AxisRow } from '../db/schema.ts';
import type {
  MutationCreateActionLineArgs,
  MutationDeleteActionLineArgs,
  MutationRenameActionLineArgs,
  MutationRetireActionLineArgs,
  Resolvers,
  StrategicAxisLinesArgs,
} from '../generated/resolvers-types.ts';
import { createActionLineInput, idArgument, renameActionLineInput } from '../validation.ts';
import { audit, type Context } from './context.ts';

async function requireLine(ctx: Context, id: string): Promise<ActionLineRow> {
  const line = await ctx.loaders.line.load(parseInput(idArgument, { id }).id);
  if (!line) throw notFound(`No existe la línea de acción ${id}.`);
  return line;
}

export const referenceResolvers = {
  Query: {
    strategicAxes: (_: unknown, __: unknown, ctx: Context) => ctx.loaders.axes.load('all'),
  },

  Mutation: {
    async createActionLine(_: unknown, { input }: MutationCreateActionLineArgs, ctx: Context) {
      authorize(ctx.identity, 'createActionLine', {}, SECRETARIAT_ONLY);
      const data = parseInput(createActionLineInput, input);
      const axes = await ctx.loaders.axes.load('all');
      if (!axes.some((a) => a.code === data.axisCode)) {
        throw badUserInput(
          'axisCode',
          `Campo "axisCode": el eje estratégico "${data.axisCode}" no existe (EJE1 a EJE5).`,
        );
      }
      return ctx.db.transaction(async (tx) => {
        const line = await insertLine(tx, data);
        if (!line) throw conflict(`Ya existe una línea de acción con el código ${data.code}.`);
        await audit(tx, ctx, 'action_line.created', 'ActionLine', line.id, { code: line.code });
        return line;
      });
    },

    async renameActionLine(_: unknown, args: MutationRenameActionLineArgs, ctx: Context) {
      authorize(ctx.identity, 'renameActionLine', {}, SECRETARIAT_ONLY);
      const data = parseInput(renameActionLineInput, args);
      await requireLine(ctx, data.id);
      return ctx.db.transaction(async (tx) => {
        const line = await updateLine(tx, data.id, { name: data.name });
        if (!line) throw notFound(`No existe la línea de acción ${data.id}.`);
        await audit(tx, ctx, 'action_line.renamed', 'ActionLine', data.id);
        return line;
      });
    },

    async retireActionLine(_: unknown, { id }: MutationRetireActionLineArgs, ctx: Context) {
      authorize(ctx.identity, 'retireActionLine', {}, SECRETARIAT_ONLY);
      const line = await requireLine(ctx, id);
      if (line.retiredAt) return line;
      return ctx.db.transaction(async (tx) => {
        const row = await updateLine(tx, line.id, { retiredAt: new Date() });
        if (!row) throw notFound(`No existe la línea de acción ${line.id}.`);
        await audit(tx, ctx, 'action_line.retired', 'ActionLine', line.id);
        return row;
      });
    },

    async deleteActionLine(_: unknown, { id }: MutationDeleteActionLineArgs, ctx: Context) {
      authorize(ctx.identity, 'deleteActionLine', {}, SECRETARIAT_ONLY);
      const line = await requireLine(ctx, id);
      return ctx.db.transaction(async (tx) => {
        if (await isLineUsed(tx, line.id)) {
          throw conflict(
            `La línea "${line.name}" está en uso por actividades: retírela en lugar de eliminarla.`,
          );
        }
        await deleteUnusedLine(tx, line.id);
        await audit(tx, ctx, 'action_line.deleted', 'ActionLine', line.id, { code: line.code });
        return line.id;
      });
    },
  },

  StrategicAxis: {
    async lines(axis: AxisRow, { includeRetired }: StrategicAxisLinesArgs, ctx: Context) {
      const lines = await ctx.loaders.linesOfAxis.load(axis.code);
      return includeRetired ? lines : lines.filter((l) => !l.retiredAt);
    },
  },

  ActionLine: {
    async axis(line: ActionLineRow, _: unknown, ctx: Context) {
      // axisCode is a foreign key to the axes.
      return (await ctx.loaders.axes.load('all')).find((a) => a.code === line.axisCode)!;
    },
    retired: (line: ActionLineRow) => line.retiredAt !== null,
  },
} satisfies Resolvers;
