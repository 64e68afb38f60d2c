import { planningService } from '@participa/planning';
import { REFERENCE_TERRITORIES } from '@participa/reference';
import { territoryService } from '@participa/territory';
import { type Caller, startTestGraph, type TestGraph } from '@participa/testing';
import {
  expectEveryEntityCovered,
  expectFlatMetricReports,
  type FlatCase,
  itRunsFlat,
  tenAtATime,
} from '@participa/testing/n-plus-one';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { educationService } from '../src/service.ts';
import { daysFromNow, person, SCHEDULE } from './helpers.ts';

// No N+1: a page of 5 and a page of 50 entities, with every nested field (those resolved by the
// territory and planning subgraphs too), cost each service the same number of SQL statements. The
// small network gets 5 of each record, the large one 50.
let graph: TestGraph;
const SMALL = 'NORTE';
const LARGE = 'ORIENTE';
const staff = (network: string): Caller => ({ role: 'ese_staff', network, sub: `staff-${network}` });
const SECRETARIAT: Caller = { role: 'secretariat', sub: 'secretaria-n1' };

const comunasOf = (network: string) =>
  REFERENCE_TERRITORIES.filter((t) => t.networkCode === network && t.kind === 'COMUNA').map((t) => t.id);

/** Runs `task` for 0…count-1, ten at a time (independent records; the machine has few cores). */
const mutate = async <T>(query: string, input: Record<string, unknown>, as: Caller) =>
  graph.data<T>(query, { input }, as);

interface Seeded {
  planId: string;
  workshops: string[];
}

/** `count` workshops and campaigns of the network, each with its activity, venue, service and material. */
async function seedNetwork(network: string, count: number): Promise<Seeded> {
  const as = staff(network);
  const comunas = comunasOf(network);
  const { createFacility } = await mutate<{ createFacility: { id: string } }>(
    'mutation ($input: CreateFacilityInput!) { createFacility(input: $input) { id } }',
    {
      networkCode: network,
      name: `Centro de Salud ${network}`,
      kind: 'CENTRO_SALUD',
      territoryId: comunas[0],
    },
    as,
  );
  const { createServiceOffering } = await mutate<{ createServiceOffering: { id: string } }>(
    'mutation ($input: CreateServiceOfferingInput!) { createServiceOffering(input: $input) { id } }',
    {
      facilityId: createFacility.id,
      name: 'Vacunación',
      modality: 'INTRAMURAL',
      schedule: 'Lunes a viernes de 7:00 a. m. a 4:00 p. m.',
      howToRequest: 'Sin cita, con el carné de vacunación.',
      populationServed: 'Toda la población',
    },
    as,
  );
  const { createActionPlan } = await mutate<{ createActionPlan: { id: string } }>(
    'mutation ($input: CreateActionPlanInput!) { createActionPlan(input: $input) { id } }',
    {
      networkCode: network,
      year: 2030,
      title: 'Plan de acción 2030',
      generalObjective: 'Fortalecer la participación social en salud.',
    },
    as,
  );
  const workshops: string[] = [];
  await tenAtATime(count, async (i) => {
    const territoryId = comunas[i % comunas.length];
    const { addActivity } = await mutate<{ addActivity: { id: string } }>(
      'mutation ($input: AddActivityInput!) { addActivity(input: $input) { id } }',
      {
        planId: createActionPlan.id,
        title: `Escuela de derechos en salud ${i + 1}`,
        axisCodes: ['EJE2'],
        territoryIds: [territoryId],
        startDate: '2030-03-01',
        endDate: '2030-06-30',
        goalQuantity: 2,
        goalUnit: 'talleres y campañas',
      },
      as,
    );
    const { createMaterial } = await mutate<{ createMaterial: { id: string } }>(
      'mutation ($input: CreateMaterialInput!) { createMaterial(input: $input) { id } }',
      {
        networkCode: network,
        title: `Cartilla de deberes y derechos ${i + 1}`,
        kind: 'BOOKLET',
        topic: 'HEALTH_RIGHTS',
        audience: 'Usuarios del régimen subsidiado',
        accessibleFormats: ['EASY_READ'],
        url: `https://participa.example.org/cartillas/${network}-${i + 1}.pdf`,
      },
      as,
    );
    const startsAt = daysFromNow(10 + i);
    const { scheduleWorkshop } = await mutate<{ scheduleWorkshop: { id: string } }>(
      SCHEDULE,
      {
        networkCode: network,
        title: `Taller de portafolio de servicios ${i + 1}`,
        description: 'Portafolio de servicios de la red y cómo pedir las citas.',
        topic: 'SERVICE_PORTFOLIO',
        modality: 'IN_PERSON',
        territoryId,
        venueId: createFacility.id,
        activityId: addActivity.id,
        materialIds: [createMaterial.id],
        facilitator: 'Luz Dary Mosquera',
        capacity: 60,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
      },
      as,
    );
    workshops[i] = scheduleWorkshop.id;
    await graph.data(
      'mutation ($w: ID!, $s: [ID!]!) { presentServicesAtWorkshop(workshopId: $w, serviceOfferingIds: $s) { id } }',
      { w: scheduleWorkshop.id, s: [createServiceOffering.id] },
      as,
    );
    const later = daysFromNow(40 + i);
    await mutate(
      'mutation ($input: RescheduleWorkshopInput!) { rescheduleWorkshop(input: $input) { id } }',
      {
        id: scheduleWorkshop.id,
        startsAt: later.toISOString(),
        endsAt: new Date(later.getTime() + 3 * 3_600_000).toISOString(),
        reason: 'El salón comunal no estaba disponible.',
      },
      as,
    );
    await mutate(
      'mutation ($input: RegisterForWorkshopInput!) { registerForWorkshop(input: $input) { id } }',
      { workshopId: scheduleWorkshop.id, participant: person(i, { territoryId }), dataConsent: true },
      as,
    );
    const { createCampaign } = await mutate<{ createCampaign: { id: string } }>(
      'mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }',
      {
        networkCode: network,
        title: `Campaña de vacunación ${i + 1}`,
        objective: 'Aumentar la cobertura de vacunación en la comuna.',
        audience: 'Familias con niños menores de cinco años',
        startsOn: '2026-04-01',
        endsOn: '2026-04-30',
        activityId: addActivity.id,
      },
      as,
    );
    const { addCampaignPiece } = await mutate<{ addCampaignPiece: { id: string } }>(
      'mutation ($input: AddCampaignPieceInput!) { addCampaignPiece(input: $input) { id } }',
      {
        campaignId: createCampaign.id,
        channel: i % 2 ? 'RADIO' : 'COMMUNITY_CHANNEL',
        title: `Cuña radial ${i + 1}`,
        outlet: 'Emisora comunitaria',
        territoryId,
        startsOn: '2026-04-01',
        endsOn: '2026-04-15',
        materialIds: [createMaterial.id],
      },
      as,
    );
    await mutate(
      'mutation ($input: ReportCampaignReachInput!) { reportCampaignReach(input: $input) { id } }',
      { pieceId: addCampaignPiece.id, peopleReached: 100 + i, listeners: 1000 + i },
      as,
    );
  });
  return { planId: createActionPlan.id, workshops };
}

const seeded: Record<string, Seeded> = {};
beforeAll(async () => {
  graph = await startTestGraph([territoryService, planningService, educationService]);
  const [small, large] = await Promise.all([seedNetwork(SMALL, 5), seedNetwork(LARGE, 50)]);
  seeded[SMALL] = small!;
  seeded[LARGE] = large!;
  // One workshop of each network gets as many registrations as the network has workshops.
  await Promise.all(
    [SMALL, LARGE].map((network) =>
      tenAtATime(seeded[network]!.workshops.length - 1, (i) =>
        mutate(
          'mutation ($input: RegisterForWorkshopInput!) { registerForWorkshop(input: $input) { id } }',
          {
            workshopId: seeded[network]!.workshops[0],
            participant: person(1000 + i, { territoryId: comunasOf(network)[i % 2] }),
            dataConsent: true,
          },
          staff(network),
        ),
      ),
    ),
  );
}, 180_000);
afterAll(() => graph?.stop());

const BREAKDOWN = `participants attendances
  byLifeStage { key participants attendances } bySex { key participants attendances }
  byEthnicity { key participants attendances } byDisability { key participants attendances }
  byComuna { territory { code name } participants attendances }`;
const WORKSHOP = `id title description topic kind modality virtualUrl address startsAt endsAt capacity
  facilitator status cancellationReason registeredCount waitlistCount attendedCount seatsLeft
  servicesOffered peopleServed
  network { code name } territory { code name } venue { name } activity { title }
  scheduleChanges { previousStartsAt previousEndsAt startsAt endsAt reason changedAt }
  materials { title kind }
  servicesPresented { name facility { name } }
  participation { ${BREAKDOWN} }
  evaluationSummary { count averageSatisfaction positivePercent }
  auditTrail { at action actor details }`;

type Edges = { edges: { cursor: string; node: Record<string, unknown> }[] };

/** Each case: the entity types it covers and its query; `variables` picks the 5 or the 50. */
const CASES: Record<string, FlatCase> = {
  workshops: {
    covers: [
      'Workshop',
      'WorkshopEdge',
      'Network',
      'Territory',
      'Facility',
      'Activity',
      'ScheduleChange',
      'Material',
      'ServiceOffering',
      'CategoryCount',
      'TerritoryCount',
      'AuditEvent',
    ],
    bound: 9,
    variables: (network: string) => ({ network }),
    query: `query ($network: String!) {
      workshops(filter: { networkCode: $network }, first: 50) {
        totalCount pageInfo { hasNextPage } edges { cursor node { ${WORKSHOP} } }
      }
    }`,
    size: (data: { workshops: Edges }) => {
      const node = data.workshops.edges[0]!.node as Record<string, unknown[]> & { venue: unknown };
      for (const field of ['scheduleChanges', 'materials', 'servicesPresented']) {
        expect(node[field]).toHaveLength(1);
      }
      expect(node.auditTrail!.length).toBeGreaterThan(0);
      expect(node.venue).toEqual({ name: expect.stringMatching(/^Centro de Salud/) });
      return data.workshops.edges.length;
    },
  },
  registrations: {
    covers: ['RegistrationEdge'],
    bound: 4,
    variables: (network: string) => ({ id: seeded[network]!.workshops[0] }),
    query: `query ($id: ID!) {
      workshop(id: $id) {
        registrations(first: 50) { totalCount edges { cursor node { id status waitlistPosition checkInCode walkIn
          attended attendedAt erased createdAt workshop { title network { code } }
          participant { fullName documentType documentNumber email phone birthYear }
          characterization { sex ethnicity disability territory { code } } } } }
      }
    }`,
    size: (data: { workshop: { registrations: Edges } }) => data.workshop.registrations.edges.length,
  },
  materials: {
    covers: ['MaterialEdge'],
    bound: 3,
    variables: (network: string) => ({ network }),
    query: `query ($network: String!) {
      materials(filter: { networkCode: $network }, first: 50) {
        totalCount edges { cursor node { id title kind topic audience language accessibleFormats url
          network { code } workshops { title territory { code } } } }
      }
    }`,
    size: (data: { materials: Edges }) => data.materials.edges.length,
  },
  campaigns: {
    covers: ['Campaign', 'CampaignEdge', 'CampaignPiece'],
    bound: 4,
    variables: (network: string) => ({ network }),
    query: `query ($network: String!) {
      campaigns(filter: { networkCode: $network }, first: 50) {
        totalCount edges { cursor node { id title objective audience startsOn endsOn
          network { code } activity { title }
          reach { pieces peopleReached impressions listeners }
          pieces { id channel title description outlet audience startsOn endsOn peopleReached impressions
            listeners reachReportedAt campaign { title } territory { code } materials { title } } } }
      }
    }`,
    size: (data: { campaigns: Edges }) => data.campaigns.edges.length,
  },
  // Activities of planning's action plan: each one's workshops and campaigns.
  activities: {
    covers: [],
    bound: 3,
    variables: (network: string) => ({ id: seeded[network]!.planId }),
    query: `query ($id: ID!) {
      actionPlan(id: $id) { activities { title workshops { title status } campaigns { title pieces { title } } } }
    }`,
    size: (data: { actionPlan: { activities: { workshops: unknown[] }[] } }) => {
      expect(data.actionPlan.activities.every((a) => a.workshops.length === 1)).toBe(true);
      return data.actionPlan.activities.length;
    },
  },
};

describe('no N+1 in the education subgraph: as many SQL statements for 50 entities as for 5', () => {
  itRunsFlat(() => graph, CASES, { small: SMALL, large: LARGE, as: staff });

  it('campaign reach by channel and by network (ChannelReach, NetworkReach): aggregates, one statement', async () => {
    graph.resetCounters();
    const { campaignReach } = await graph.data<{
      campaignReach: { pieces: number; byChannel: unknown[]; byNetwork: { network: { code: string } }[] };
    }>(
      `{ campaignReach { pieces peopleReached impressions listeners
        byChannel { channel pieces peopleReached impressions listeners }
        byNetwork { network { code name } pieces peopleReached impressions listeners } } }`,
      {},
      SECRETARIAT,
    );
    expect(campaignReach.pieces).toBe(55);
    expect(campaignReach.byNetwork.map((n) => n.network.code).sort()).toEqual([SMALL, LARGE].sort());
    expect(graph.queryCount.education).toBeLessThanOrEqual(2);
  });

  it('metric reports of 5 and 50 periods (MetricReport, MetricCell, MetricValue)', async () => {
    await expectFlatMetricReports(graph, 'education', 1);
  });

  it('has a case for every entity type of the SDL', () => {
    expectEveryEntityCovered(educationService, CASES, [
      'ChannelReach',
      'NetworkReach',
      'MetricReport',
      'MetricCell',
      'MetricValue',
    ]);
  });
});
