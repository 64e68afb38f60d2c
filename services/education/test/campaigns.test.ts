import { planningService } from '@participa/planning';
import { demoActivityId, demoRecordId, networkByCode, territoryByCode } from '@participa/reference';
import { territoryService } from '@participa/territory';
import { type Caller, errorCodes, startTestGraph, type TestGraph } from '@participa/testing';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAMPAIGN_METRICS, campaignReachMetrics } from '../src/campaigns/metrics.ts';
import type { EducationDb } from '../src/db/index.ts';
import { campaignPieces, campaigns } from '../src/db/schema.ts';
import { educationService } from '../src/service.ts';
import { CENTRO_STAFF, NORTE_STAFF, SECRETARIAT } from './helpers.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService, planningService, educationService], { demoData: true });
});
afterAll(() => graph?.stop());

const DEMO_CAMPAIGN = demoRecordId('campaign', 'centro-2023-participar');
const CITIZEN = { role: 'citizen', sub: 'ciudadano-1' } as const;

const CREATE = `mutation($input: CreateCampaignInput!) {
  createCampaign(input: $input) { id title network { code } activity { id } pieces { id } reach { pieces peopleReached } }
}`;
const ADD_PIECE = `mutation($input: AddCampaignPieceInput!) {
  addCampaignPiece(input: $input) { id channel startsOn territory { code } materials { title } peopleReached }
}`;
const REPORT = `mutation($input: ReportCampaignReachInput!) {
  reportCampaignReach(input: $input) { id peopleReached impressions listeners reachReportedAt }
}`;
const REACH = `query($filter: CampaignReachFilter) { campaignReach(filter: $filter) {
  pieces peopleReached impressions listeners
  byChannel { channel pieces peopleReached impressions listeners }
  byNetwork { network { code } pieces peopleReached }
} }`;

interface Reach {
  pieces: number;
  peopleReached: number;
  impressions: number;
  listeners: number;
  byChannel: {
    channel: string;
    pieces: number;
    peopleReached: number;
    impressions: number;
    listeners: number;
  }[];
  byNetwork: { network: { code: string } | null; pieces: number; peopleReached: number }[];
}

const campaignInput = (overrides: Record<string, unknown> = {}) => ({
  networkCode: 'CENTRO',
  title: 'Vacúnate en tu barrio',
  audience: 'Familias de la comuna 12',
  startsOn: '2025-03-01',
  endsOn: '2025-04-30',
  activityId: demoActivityId('CENTRO-2023', 8),
  ...overrides,
});

async function rowCount(table: typeof campaigns | typeof campaignPieces): Promise<number> {
  const [row] = await graph.databases.education!.db.select({ n: count() }).from(table);
  return row!.n;
}

async function newCampaign(overrides: Record<string, unknown> = {}, as: Caller = CENTRO_STAFF) {
  const { createCampaign } = await graph.data<{ createCampaign: { id: string } }>(
    CREATE,
    { input: campaignInput(overrides) },
    as,
  );
  return createCampaign.id;
}

describe('the demo campaign of the 2023 plan', () => {
  it('shows its pieces by channel with the materials used, linked from the plan activity', async () => {
    const { campaign } = await graph.data<{
      campaign: {
        title: string;
        activity: { id: string; title: string };
        pieces: { channel: string; materials: { title: string }[]; listeners: number | null }[];
        reach: { pieces: number; peopleReached: number; impressions: number; listeners: number };
      };
    }>(
      'query($id: ID!) { campaign(id: $id) { title activity { id title } pieces { channel listeners materials { title } } reach { pieces peopleReached impressions listeners } } }',
      { id: DEMO_CAMPAIGN },
    );
    expect(campaign.activity.id).toBe(demoActivityId('CENTRO-2023', 5));
    expect(campaign.activity.title.length).toBeGreaterThan(0);
    expect(campaign.pieces.map((p) => p.channel)).toEqual([
      'RADIO',
      'SOCIAL_MEDIA',
      'PRINT',
      'COMMUNITY_CHANNEL',
      'EVENT',
    ]);
    expect(campaign.pieces[1]!.materials.map((m) => m.title)).toEqual([
      'Portafolio de servicios de la Red de Salud del Centro E.S.E.',
    ]);
    expect(campaign.reach).toEqual({
      pieces: 5,
      peopleReached: 24_500,
      impressions: 45_300,
      listeners: 12_000,
    });

    const { actionPlans } = await graph.data<{
      actionPlans: { activities: { id: string; campaigns: { id: string }[] }[] }[];
    }>('{ actionPlans(networkCode: "CENTRO", year: 2023) { activities { id campaigns { id } } } }');
    const line5 = actionPlans[0]!.activities.find((a) => a.id === demoActivityId('CENTRO-2023', 5))!;
    expect(line5.campaigns.map((c) => c.id)).toEqual([DEMO_CAMPAIGN]);
  });

  it('totals reach by channel, network and period, publicly', async () => {
    const { campaignReach } = await graph.data<{ campaignReach: Reach }>(REACH, {
      filter: { networkCode: 'CENTRO', from: '2023-01-01', to: '2023-12-31' },
    });
    expect(campaignReach).toMatchObject({
      pieces: 5,
      peopleReached: 24_500,
      impressions: 45_300,
      listeners: 12_000,
    });
    expect(campaignReach.byChannel.find((c) => c.channel === 'RADIO')).toEqual({
      channel: 'RADIO',
      pieces: 1,
      peopleReached: 0,
      impressions: 0,
      listeners: 12_000,
    });
    expect(campaignReach.byNetwork).toEqual([
      { network: { code: 'CENTRO' }, pieces: 5, peopleReached: 24_500 },
    ]);
    // September only: the pieces that started that month.
    const september = await graph.data<{ campaignReach: Reach }>(REACH, {
      filter: { from: '2023-09-01', to: '2023-09-30' },
    });
    expect(september.campaignReach.byChannel.map((c) => c.channel).sort()).toEqual([
      'COMMUNITY_CHANNEL',
      'PRINT',
    ]);
    expect(september.campaignReach.peopleReached).toBe(5_400);
    const none = await graph.data<{ campaignReach: Reach }>(REACH, { filter: { networkCode: 'NORTE' } });
    expect(none.campaignReach).toEqual({
      pieces: 0,
      peopleReached: 0,
      impressions: 0,
      listeners: 0,
      byChannel: [],
      byNetwork: [],
    });
    const bad = await graph.request(REACH, { filter: { from: '2023-12-01', to: '2023-01-01' } });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0]!.message).toContain('"to"');
  });

  it('gives the metrics campaigns.* per network and for the district', async () => {
    const db = graph.databases.education!.db as unknown as EducationDb;
    const metrics = await campaignReachMetrics(db, { from: '2023-01-01', to: '2023-12-31' });
    expect(metrics.find((m) => m.networkId === networkByCode('CENTRO')!.id)?.values).toEqual({
      [CAMPAIGN_METRICS.pieces]: 5,
      [CAMPAIGN_METRICS.peopleReached]: 24_500,
      [CAMPAIGN_METRICS.impressions]: 45_300,
      [CAMPAIGN_METRICS.listeners]: 12_000,
    });
    expect(metrics.find((m) => m.scope === 'DISTRICT')?.values[CAMPAIGN_METRICS.pieces]).toBe(5);
  });
});

describe('running a campaign', () => {
  it('lets staff of the network (and only them, or the secretariat) create campaigns; nothing written otherwise', async () => {
    const before = await rowCount(campaigns);
    expect(errorCodes(await graph.request(CREATE, { input: campaignInput() }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await graph.request(CREATE, { input: campaignInput() }, CITIZEN))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await graph.request(CREATE, { input: campaignInput() }, NORTE_STAFF))).toEqual([
      'FORBIDDEN',
    ]);
    const district = campaignInput({ networkCode: null, activityId: null });
    expect(errorCodes(await graph.request(CREATE, { input: district }, CENTRO_STAFF))).toEqual(['FORBIDDEN']);
    expect(await rowCount(campaigns)).toBe(before);
    const { createCampaign } = await graph.data<{ createCampaign: { network: null } }>(
      CREATE,
      { input: district },
      SECRETARIAT,
    );
    expect(createCampaign.network).toBeNull();
    await newCampaign();
    expect(await rowCount(campaigns)).toBe(before + 2);
  });

  it('refuses bad campaigns and pieces in Spanish naming the field, writing nothing', async () => {
    const campaignsBefore = await rowCount(campaigns);
    for (const [overrides, field] of [
      [{ endsOn: '2025-02-01' }, 'endsOn'],
      [{ startsOn: '2025-02-30' }, 'startsOn'],
      [{ title: '' }, 'title'],
      [{ networkCode: 'PACIFICO' }, 'networkCode'],
      [{ activityId: 'linea-8' }, 'activityId'],
    ] as [Record<string, unknown>, string][]) {
      const result = await graph.request(CREATE, { input: campaignInput(overrides) }, CENTRO_STAFF);
      expect(errorCodes(result), field).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.message, field).toContain(`"${field}"`);
    }
    expect(await rowCount(campaigns)).toBe(campaignsBefore);

    const campaignId = await newCampaign();
    const piecesBefore = await rowCount(campaignPieces);
    const piece = {
      campaignId,
      channel: 'RADIO',
      title: 'Cuña',
      startsOn: '2025-03-10',
      endsOn: '2025-03-20',
    };
    for (const [overrides, field] of [
      [{ startsOn: '2025-02-20' }, 'startsOn'],
      [{ endsOn: '2025-03-01' }, 'endsOn'],
      [{ channel: 'PERIODICO' }, 'channel'],
      [{ territoryId: '0b8f5c1e-6d2a-4f0b-9a7e-3c4d5e6f7a8b' }, 'territoryId'],
      [{ materialIds: ['0b8f5c1e-6d2a-4f0b-9a7e-3c4d5e6f7a8b'] }, 'materialIds'],
      [{ campaignId: '0b8f5c1e-6d2a-4f0b-9a7e-3c4d5e6f7a8b' }, 'campaignId'],
    ] as [Record<string, unknown>, string][]) {
      const result = await graph.request(ADD_PIECE, { input: { ...piece, ...overrides } }, CENTRO_STAFF);
      expect(errorCodes(result), field).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.message, field).toContain(field);
    }
    expect(errorCodes(await graph.request(ADD_PIECE, { input: piece }, NORTE_STAFF))).toEqual(['FORBIDDEN']);
    expect(await rowCount(campaignPieces)).toBe(piecesBefore);
  });

  it('adds pieces and records the reach each channel reports; the totals follow', async () => {
    const norteStaff = NORTE_STAFF;
    const campaignId = await newCampaign(
      { networkCode: 'NORTE', title: 'Conozca su asociación de usuarios', activityId: null },
      norteStaff,
    );
    const { addCampaignPiece: radio } = await graph.data<{
      addCampaignPiece: { id: string; peopleReached: null };
    }>(
      ADD_PIECE,
      {
        input: {
          campaignId,
          channel: 'RADIO',
          title: 'Entrevista',
          outlet: 'Radio comunitaria',
          startsOn: '2025-03-05',
          endsOn: '2025-03-05',
        },
      },
      norteStaff,
    );
    expect(radio.peopleReached).toBeNull();
    const { addCampaignPiece: wall } = await graph.data<{
      addCampaignPiece: { id: string; territory: { code: string } };
    }>(
      ADD_PIECE,
      {
        input: {
          campaignId,
          channel: 'COMMUNITY_CHANNEL',
          title: 'Cartelera',
          territoryId: territoryByCode('C06')!.id,
          startsOn: '2025-03-10',
          endsOn: '2025-03-31',
        },
      },
      norteStaff,
    );
    expect(wall.territory.code).toBe('C06');

    expect(errorCodes(await graph.request(REPORT, { input: { pieceId: radio.id } }, norteStaff))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(
      errorCodes(await graph.request(REPORT, { input: { pieceId: radio.id, listeners: -5 } }, norteStaff)),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      errorCodes(await graph.request(REPORT, { input: { pieceId: radio.id, listeners: 900 } }, CENTRO_STAFF)),
    ).toEqual(['FORBIDDEN']);
    const missing = await graph.request(
      REPORT,
      { input: { pieceId: '0b8f5c1e-6d2a-4f0b-9a7e-3c4d5e6f7a8b', listeners: 1 } },
      norteStaff,
    );
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
    const { reportCampaignReach } = await graph.data<{
      reportCampaignReach: { listeners: number; reachReportedAt: string };
    }>(REPORT, { input: { pieceId: radio.id, listeners: 4_500 } }, norteStaff);
    expect(reportCampaignReach.listeners).toBe(4_500);
    expect(reportCampaignReach.reachReportedAt).not.toBeNull();
    await graph.data(REPORT, { input: { pieceId: wall.id, peopleReached: 800 } }, norteStaff);

    const { campaignReach } = await graph.data<{ campaignReach: Reach }>(REACH, {
      filter: { networkCode: 'NORTE', from: '2025-03-01', to: '2025-03-31' },
    });
    expect(campaignReach).toMatchObject({ pieces: 2, peopleReached: 800, listeners: 4_500, impressions: 0 });

    const { campaigns: list } = await graph.data<{
      campaigns: { totalCount: number; edges: { node: { id: string } }[] };
    }>(
      '{ campaigns(filter: { networkCode: "NORTE", from: "2025-03-15", to: "2025-03-20" }) { totalCount edges { node { id } } } }',
    );
    expect(list.edges.map((e) => e.node.id)).toEqual([campaignId]);
  });

  it('seeds the demo campaign once: a second start adds nothing', async () => {
    const before = [await rowCount(campaigns), await rowCount(campaignPieces)];
    await educationService.seedDemo!(graph.databases.education!.db as never);
    expect([await rowCount(campaigns), await rowCount(campaignPieces)]).toEqual(before);
  });
});
