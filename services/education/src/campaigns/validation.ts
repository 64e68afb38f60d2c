import { calendarDate, networkCode, optionalText, text, uuid, z } from '@participa/subgraph-kit';
import { campaignChannel } from '../db/schema.ts';

const day = calendarDate();
const period = <T extends { startsOn: string; endsOn: string }>(input: T) => input.endsOn >= input.startsOn;
const periodIssue = { path: ['endsOn'], message: 'no puede ser anterior a la fecha de inicio (startsOn)' };
const reached = z.number().int('debe ser un número entero').min(0, 'no puede ser negativo').max(100_000_000);

export const createCampaignInput = z
  .object({
    networkCode: networkCode().nullish(),
    title: text(200),
    objective: optionalText(2000),
    audience: optionalText(500),
    startsOn: day,
    endsOn: day,
    activityId: uuid().nullish(),
  })
  .refine(period, periodIssue);
export type CreateCampaignInput = z.output<typeof createCampaignInput>;

export const addCampaignPieceInput = z
  .object({
    campaignId: uuid(),
    channel: z.enum(campaignChannel.enumValues),
    title: text(200),
    description: optionalText(2000),
    outlet: optionalText(200),
    audience: optionalText(500),
    territoryId: uuid().nullish(),
    startsOn: day,
    endsOn: day,
    materialIds: z.array(uuid()).max(20).nullish(),
  })
  .refine(period, periodIssue);
export type AddCampaignPieceInput = z.output<typeof addCampaignPieceInput>;

export const reportCampaignReachInput = z
  .object({
    pieceId: uuid(),
    peopleReached: reached.nullish(),
    impressions: reached.nullish(),
    listeners: reached.nullish(),
  })
  .refine((r) => r.peopleReached != null || r.impressions != null || r.listeners != null, {
    path: ['peopleReached'],
    message: 'indique al menos una cifra de alcance (peopleReached, impressions o listeners)',
  });

export const campaignFilter = z
  .object({
    networkCode: networkCode().nullish(),
    activityId: uuid().nullish(),
    from: day.nullish(),
    to: day.nullish(),
  })
  .nullish();

export const reachFilter = z
  .object({ networkCode: networkCode().nullish(), from: day.nullish(), to: day.nullish() })
  .refine((f) => !f.from || !f.to || f.to >= f.from, {
    path: ['to'],
    message: 'debe ser igual o posterior a "from"',
  });

export const idInput = uuid();
