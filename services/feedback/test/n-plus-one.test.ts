import { planningService } from '@participa/planning';
import { REFERENCE_TERRITORIES } from '@participa/reference';
import { territoryService } from '@participa/territory';
import { type Caller, startTestGraph, type TestGraph } from '@participa/testing';
import {
  expectEveryEntityCovered,
  expectFlatMetricReports,
  expectFlatStatements,
  type FlatCase,
  itRunsFlat,
  tenAtATime,
} from '@participa/testing/n-plus-one';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackService } from '../src/service.ts';
import { submit } from './helpers.ts';

// No N+1: a page of 5 and a page of 50 entities, with every nested field (those resolved by the
// territory and planning subgraphs too), cost each service the same number of SQL statements. The
// small network gets 5 of each record, the large one 50.
let graph: TestGraph;
const SMALL = 'NORTE';
const LARGE = 'ORIENTE';
const staff = (network: string): Caller => ({
  role: 'ese_staff',
  network,
  sub: `staff-${network}`,
  name: 'Gestora SIAU',
});
const SECRETARIAT: Caller = { role: 'secretariat', sub: 'secretaria-n1' };
const DAY_MS = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

const comunasOf = (network: string) =>
  REFERENCE_TERRITORIES.filter((t) => t.networkCode === network && t.kind === 'COMUNA').map((t) => t.id);

/** Runs `task` for 0…count-1, ten at a time (independent records; the machine has few cores). */
const mutate = async <T>(query: string, input: Record<string, unknown>, as?: Caller) =>
  graph.data<T>(query, { input }, as);

interface Seeded {
  planId: string;
  surveys: string[];
}

const QUESTIONS = [
  { prompt: '¿Cómo califica la atención?', kind: 'SCALE_1_5', overall: true },
  { prompt: '¿Cómo se enteró?', kind: 'SINGLE_CHOICE', options: ['Radio', 'Redes sociales', 'Vecinos'] },
  { prompt: 'Comentarios', kind: 'OPEN_TEXT', required: false },
];

/** `count` PQRS (each from its own sede, answered and rated), surveys and consultations of the network. */
async function seedNetwork(network: string, count: number): Promise<Seeded> {
  const as = staff(network);
  const comunas = comunasOf(network);
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
  const surveys: string[] = [];
  await tenAtATime(count, async (i) => {
    const territoryId = comunas[i % comunas.length];
    const { createFacility } = await mutate<{ createFacility: { id: string } }>(
      'mutation ($input: CreateFacilityInput!) { createFacility(input: $input) { id } }',
      {
        networkCode: network,
        name: `Puesto de Salud ${network} ${i + 1}`,
        kind: 'PUESTO_SALUD',
        territoryId,
      },
      as,
    );
    const receipt = await submit(graph, {
      networkCode: network,
      type: i % 2 ? 'QUEJA' : 'PETICION',
      subject: `Demora en la asignación de citas ${i + 1}`,
      description: 'Llevo tres semanas esperando una cita de medicina general.',
      channel: 'WEB',
      facilityId: createFacility.id,
      territoryId,
      service: 'Medicina general',
      petitioner: {
        fullName: `Luz Marina Riascos ${i + 1}`,
        documentType: 'CC',
        documentNumber: String(31_000_000 + i),
        email: `luz.riascos${i + 1}@example.org`,
        preferredChannel: 'EMAIL',
      },
    });
    const { pqrsList } = await graph.data<{ pqrsList: { edges: { node: { id: string } }[] } }>(
      'query ($f: PqrsFilter) { pqrsList(filter: $f, first: 1) { edges { node { id } } } }',
      { f: { facilityId: createFacility.id } },
      as,
    );
    const pqrsId = pqrsList.edges[0]!.node.id;
    await mutate(
      'mutation ($input: AssignPqrsInput!) { assignPqrs(input: $input) { id } }',
      { pqrsId, assignee: 'Oficina SIAU', area: 'Atención al usuario', note: 'Revisar agenda.' },
      as,
    );
    await mutate(
      'mutation ($input: RespondToPqrsInput!) { respondToPqrs(input: $input) { id } }',
      { pqrsId, response: 'Su cita quedó asignada para el próximo lunes a las 8:00 a. m.' },
      as,
    );
    await mutate(
      'mutation ($input: RatePqrsResponseInput!) { ratePqrsResponse(input: $input) { radicado } }',
      { radicado: receipt.radicado, trackingCode: receipt.trackingCode, score: 4, comment: 'Gracias.' },
    );
    const { addActivity } = await mutate<{ addActivity: { id: string } }>(
      'mutation ($input: AddActivityInput!) { addActivity(input: $input) { id } }',
      {
        planId: createActionPlan.id,
        title: `Consulta ciudadana sobre horarios ${i + 1}`,
        axisCodes: ['EJE3'],
        territoryIds: [territoryId],
        startDate: '2030-03-01',
        endDate: '2030-06-30',
        goalQuantity: 1,
        goalUnit: 'consulta',
      },
      as,
    );
    await mutate(
      'mutation ($input: CreateConsultationInput!) { createConsultation(input: $input) { id } }',
      {
        networkCode: network,
        question: `¿En qué horario prefiere la atención extramural? ${i + 1}`,
        description: 'Consulta para la jornada de salud de la comuna.',
        options: ['Mañana', 'Tarde', 'Sábado'],
        opensAt: inDays(-1),
        closesAt: inDays(10),
        activityId: addActivity.id,
      },
      as,
    );
    const { createSurvey } = await mutate<{ createSurvey: { id: string; questions: { id: string }[] } }>(
      'mutation ($input: CreateSurveyInput!) { createSurvey(input: $input) { id questions { id } } }',
      {
        networkCode: network,
        kind: 'USER_EXPERIENCE',
        title: `Satisfacción con la atención ${i + 1}`,
        anonymous: true,
        opensAt: inDays(-1),
        closesAt: inDays(10),
        questions: QUESTIONS,
      },
      as,
    );
    surveys[i] = createSurvey.id;
    const [scale, choice, open] = createSurvey.questions;
    // The first survey gets `count` answers (the page of open answers); the others one each.
    for (let n = 0; n < (i === 0 ? count : 1); n++) {
      await mutate(
        'mutation ($input: AnswerSurveyInput!) { answerSurvey(input: $input) { submittedAt } }',
        {
          surveyId: createSurvey.id,
          answers: [
            { questionId: scale!.id, scale: 1 + (n % 5) },
            { questionId: choice!.id, choices: [n % 3] },
            { questionId: open!.id, text: `Buena atención, pero la espera fue larga (${n + 1}).` },
          ],
        },
        { role: 'citizen', sub: `ciudadana-${network}-${i}-${n}` },
      );
    }
  });
  return { planId: createActionPlan.id, surveys };
}

const seeded: Record<string, Seeded> = {};
beforeAll(async () => {
  graph = await startTestGraph([territoryService, planningService, feedbackService]);
  const [small, large] = await Promise.all([seedNetwork(SMALL, 5), seedNetwork(LARGE, 50)]);
  seeded[SMALL] = small!;
  seeded[LARGE] = large!;
  // Close the surveys and consultations, so their results are published (and resolved in the pages).
  await graph.databases.feedback!.db.execute(
    sql`UPDATE feedback.surveys SET opens_at = now() - interval '2 days', closes_at = now() - interval '1 minute'`,
  );
  await graph.databases.feedback!.db.execute(
    sql`UPDATE feedback.consultations SET opens_at = now() - interval '2 days', closes_at = now() - interval '1 minute'`,
  );
}, 180_000);
afterAll(() => graph?.stop());

const PQRS = `id radicado type status channel subject description service riskLevel anonymous receivedAt dueAt
  originalDueAt extensionReason overdue assignedTo assignedArea response answeredAt answeredOnTime closedAt
  transferredToEntity transferredFrom { radicado } transferredTo { radicado }
  network { code name } territory { code name pqrs(first: 2) { totalCount } }
  facility { name pqrs(first: 2) { totalCount edges { node { radicado } } } }
  rating { score comment ratedAt }
  petitioner { fullName documentType documentNumber email phone address responseChannel
    characterization { sex } }
  timeline { kind at actor actorName note }
  auditTrail { at action actor details }`;
const OPTIONS = 'options { position label count percent }';

type Edges = { edges: { cursor: string; node: Record<string, unknown> }[] };

/** Each case: the entity types it covers and its query; `variables` picks the 5 or the 50. */
const CASES: Record<string, FlatCase> = {
  pqrs: {
    covers: ['Pqrs', 'PqrsEdge', 'PqrsEvent', 'Network', 'Facility', 'Territory', 'AuditEvent'],
    bound: 9,
    variables: (network: string) => ({ network }),
    query: `query ($network: String!) {
      pqrsList(filter: { networkCode: $network }, first: 50) {
        totalCount pageInfo { hasNextPage } edges { cursor node { ${PQRS} } }
      }
    }`,
    size: (data: { pqrsList: Edges }) => {
      const node = data.pqrsList.edges[0]!.node as {
        timeline: unknown[];
        rating: unknown;
        facility: unknown;
      };
      expect(node.timeline.length).toBeGreaterThan(2);
      expect(node.rating).toMatchObject({ score: 4 });
      expect(node.facility).toMatchObject({ pqrs: { totalCount: 1 } });
      return data.pqrsList.edges.length;
    },
  },
  surveys: {
    covers: ['Survey', 'SurveyEdge', 'SurveyQuestion', 'QuestionResult', 'OptionCount'],
    bound: 6,
    variables: (network: string) => ({ network }),
    query: `query ($network: String!) {
      surveys(filter: { networkCode: $network }, first: 50) {
        totalCount edges { cursor node { id kind title description anonymous opensAt closesAt status responseCount
          network { code }
          questions { id position kind prompt options required overall }
          results { responses questions { answered average question { prompt } options { label count } } } } }
      }
    }`,
    size: (data: { surveys: Edges }) => {
      expect(data.surveys.edges.every((e) => e.node.results !== null)).toBe(true);
      return data.surveys.edges.length;
    },
  },
  openAnswers: {
    covers: ['OpenAnswerEdge'],
    bound: 4,
    variables: (network: string) => ({ id: seeded[network]!.surveys[0] }),
    query: `query ($id: ID!) {
      survey(id: $id) { questions { kind openAnswers(first: 50) { totalCount edges { cursor node { text } } } } }
    }`,
    size: (data: { survey: { questions: { kind: string; openAnswers: Edges | null }[] } }) =>
      data.survey.questions.find((q) => q.kind === 'OPEN_TEXT')!.openAnswers!.edges.length,
  },
  consultations: {
    covers: ['Consultation', 'ConsultationEdge', 'Activity'],
    bound: 6,
    variables: (network: string) => ({ network }),
    query: `query ($network: String!) {
      consultations(filter: { networkCode: $network }, first: 50) {
        totalCount edges { cursor node { id question description options opensAt closesAt status
          network { code } activity { title consultations { question } } results { votes ${OPTIONS} } } }
      }
    }`,
    size: (data: { consultations: Edges }) => data.consultations.edges.length,
  },
  // Activities of planning's action plan: each one's consultations.
  activities: {
    covers: [],
    bound: 3,
    variables: (network: string) => ({ id: seeded[network]!.planId }),
    query: `query ($id: ID!) { actionPlan(id: $id) { activities { title consultations { question status } } } }`,
    size: (data: { actionPlan: { activities: { consultations: unknown[] }[] } }) => {
      expect(data.actionPlan.activities.every((a) => a.consultations.length === 1)).toBe(true);
      return data.actionPlan.activities.length;
    },
  },
  // Sedes of the network (territory subgraph), each with its PQRS.
  facilities: {
    covers: [],
    bound: 2,
    variables: (network: string) => ({ network }),
    query: `query ($network: String!) {
      network(code: $network) { facilities { name pqrs(first: 5) { totalCount edges { node { radicado status } } } } }
    }`,
    size: (data: { network: { facilities: unknown[] } }) => data.network.facilities.length,
  },
};

describe('no N+1 in the feedback subgraph: as many SQL statements for 50 entities as for 5', () => {
  itRunsFlat(() => graph, CASES, { small: SMALL, large: LARGE, as: staff });

  it('PQRS statistics of 5 and of 50 PQRS (PqrsCount, PqrsFacilityCount): as many statements', async () => {
    await expectFlatStatements<{ network: { pqrsStats: { received: number; byFacility: unknown[] } } }>(
      graph,
      {
        query: `query ($network: String!) {
        network(code: $network) { pqrsStats { received answered answeredOnTime overdue rated satisfied averageRating
          byType { key count } byChannel { key count } byStatus { key count } byMonth { key count }
          byFacility { facility { name } count } } }
      }`,
        five: { network: SMALL },
        fifty: { network: LARGE },
        as: SECRETARIAT,
        size: (data) => {
          expect(data.network.pqrsStats.byFacility).toHaveLength(data.network.pqrsStats.received);
          return data.network.pqrsStats.received;
        },
        bound: 6,
      },
    );
  });

  it('metric reports of 5 and 50 periods (MetricReport, MetricCell, MetricValue)', async () => {
    await expectFlatMetricReports(graph, 'feedback', 2);
  });

  it('has a case for every entity type of the SDL', () => {
    expectEveryEntityCovered(feedbackService, CASES, [
      'PqrsCount',
      'PqrsFacilityCount',
      'MetricReport',
      'MetricCell',
      'MetricValue',
    ]);
  });
});
