import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Identity } from '@participa/auth';
import { referenceId } from '@participa/reference';
import { CALLERS, inNetwork, may, OPERATIONS, type Operation, policyTable } from '@participa/subgraph-kit';
import { type Caller, errorCodes, startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries } from '../../services/notifications/src/db/schema.ts';
import { unsubscribeToken } from '../../services/notifications/src/links.ts';
import { composeApiSchema } from '../src/api-schema.ts';
import { SERVICES } from '../src/catalog.ts';

/**
 * The authorization policy (packages/subgraph-kit/src/policy.ts, docs/authorization.md) against
 * the composed graph: every operation has an entry, and every operation is called through the
 * gateway as every kind of caller on a record of CENTRO, expecting exactly what the table says;
 * a refused call writes nothing.
 */
const apiSchema = composeApiSchema();
const operationsOfGraph = [apiSchema.getQueryType(), apiSchema.getMutationType()].flatMap((type) =>
  Object.keys(type?.getFields() ?? {}),
);

describe('the policy covers the graph', () => {
  it('every operation of the composed graph has a policy entry', () => {
    const missing = operationsOfGraph.filter((name) => !(name in OPERATIONS));
    expect(
      missing.map(
        (name) =>
          `${name} has no authorization policy: add "  ${name}: STAFF_OWN," (or the rule that fits: PUBLIC, ` +
          'SECRETARIAT, ACTORS, …) to OPERATIONS in packages/subgraph-kit/src/policy.ts and a fixture to ' +
          'FIXTURES in gateway/test/authorization.test.ts',
      ),
    ).toEqual([]);
  });

  it('calls every operation of the graph as every kind of caller, or says why it cannot', () => {
    const uncalled = operationsOfGraph.filter((name) => !(name in FIXTURES) && !(name in NOT_CALLED));
    expect(uncalled, 'add a fixture to FIXTURES below').toEqual([]);
  });

  it('has no entry for an operation the graph does not have', () => {
    expect(Object.keys(OPERATIONS).filter((name) => !operationsOfGraph.includes(name))).toEqual([]);
  });

  it('docs/authorization.md shows the policy as it is', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../docs/authorization.md', import.meta.url)), 'utf8');
    const block = /<!-- policy:start -->\n([\s\S]*?)\n<!-- policy:end -->/.exec(doc)?.[1];
    expect(block, 'paste the expected table between the policy markers of docs/authorization.md').toBe(
      policyTable(),
    );
  });
});

/** Every kind of caller, on records of CENTRO. */
const CALLS: { name: string; as?: Caller; identity: Identity }[] = [
  { name: 'anonymous', identity: { sub: null, name: null, roles: ['citizen'], network: null } },
  ...CALLERS.filter((caller) => caller !== 'anonymous').map((role) => {
    const network = role === 'ese_staff' || role === 'ese_admin' ? 'CENTRO' : undefined;
    return {
      name: network ? `${role} CENTRO` : role,
      as: { role, network, sub: `policy-${role}` } as Caller,
      identity: { sub: `policy-${role}`, name: null, roles: [role], network: network ?? null } as Identity,
    };
  }),
  {
    name: 'ese_staff NORTE',
    as: { role: 'ese_staff', network: 'NORTE', sub: 'policy-norte' },
    identity: { sub: 'policy-norte', name: null, roles: ['ese_staff'], network: 'NORTE' },
  },
];

let graph: TestGraph;
const CENTRO_STAFF: Caller = { role: 'ese_staff', network: 'CENTRO', sub: 'policy-setup' };
const SECRETARIAT: Caller = { role: 'secretariat', sub: 'policy-setup-secretariat' };
const C08 = referenceId('territory', 'C08');
let n = 0;
let years = 0;
const unique = (text: string) => `${text} ${++n}`;
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** Records of CENTRO each operation acts on, created once by CENTRO's staff. */
interface Records {
  organizationId: string;
  otherOrganizationId: string;
  workshopId: string;
  heldWorkshopId: string;
  registrationId: string;
  draftPlanId: string;
  draftPlanYear: number;
  draftActivityId: string;
  submittedPlanId: string;
  approvedActivityId: string;
  pqrsId: string;
  radicado: string;
  trackingCode: string;
  actId: string;
  commitmentId: string;
  representationId: string;
  actionLineId: string;
  materialId: string;
  facilityId: string;
  portfolioWorkshopId: string;
  communityDayId: string;
  budgetItemId: string;
  approvedPlanId: string;
  /** An open survey and consultation with single-use codes: each call takes one. */
  openSurvey: { id: string; questionId: string; codes: string[] };
  openConsultation: { id: string; codes: string[] };
  serviceOfferingId: string;
  campaignId: string;
  pieceId: string;
  surveyId: string;
  consultationId: string;
  contactPointId: string;
  failedDeliveryId: string;
  unsubscribeToken: string;
}
let records: Records;

type Fixture = (r: Records) => [query: string, variables?: Record<string, unknown>];
const m = (field: string, type: string, selection = 'id'): string =>
  `mutation ($input: ${type}!) { ${field}(input: $input) { ${selection} } }`;

/**
 * Operations this sweep cannot call with a meaning, and where their rule is tested instead. Kept
 * short: the test above fails for any operation neither here nor in FIXTURES.
 */
const NOT_CALLED: Partial<Record<Operation, string>> = {
  markNotificationRead:
    'a notification belongs to one inbox, so "allowed" depends on whose it is, not on the role: ' +
    'services/notifications/test/pqrs-notifications.test.ts (another network gets NOT_FOUND)',
};

const FIXTURES: Partial<Record<Operation, Fixture>> = {
  // territory
  networks: () => ['{ networks { code } }'],
  network: () => ['{ network(code: "CENTRO") { code } }'],
  territory: () => ['query ($id: ID!) { territory(id: $id) { code } }', { id: C08 }],
  territories: () => ['{ territories { code } }'],
  facility: () => ['query ($id: ID!) { facility(id: $id) { id } }', { id: C08 }],
  organizations: () => ['{ organizations(first: 1) { totalCount } }'],
  organization: (r) => ['query ($id: ID!) { organization(id: $id) { id } }', { id: r.organizationId }],
  actorMap: () => ['{ actorMap(networkCode: "CENTRO") { actors { id } } }'],
  cartographyFeatures: () => ['{ cartographyFeatures(first: 1) { totalCount } }'],
  createOrganization: () => [
    m('createOrganization', 'CreateOrganizationInput'),
    {
      input: { networkCode: 'CENTRO', name: unique('Veeduría'), kind: 'VEEDURIA', influence: 3, interest: 3 },
    },
  ],
  updateOrganization: (r) => [
    m('updateOrganization', 'UpdateOrganizationInput'),
    { input: { id: r.organizationId, interest: 4 } },
  ],
  relateActors: (r) => [
    m('relateActors', 'RelateActorsInput', 'kind'),
    { input: { fromId: r.organizationId, toId: r.otherOrganizationId, kind: 'ALIANZA', strength: 3 } },
  ],
  addRepresentation: (r) => [
    m('addRepresentation', 'AddRepresentationInput'),
    {
      input: {
        organizationId: r.organizationId,
        personName: unique('Representante'),
        body: 'Junta directiva',
        role: 'Vocal',
        startDate: '2026-01-01',
      },
    },
  ],
  createFacility: () => [
    m('createFacility', 'CreateFacilityInput'),
    { input: { networkCode: 'CENTRO', name: unique('Puesto de salud'), kind: 'PUESTO_SALUD' } },
  ],
  assignTerritoryToNetwork: () => [
    'mutation ($t: ID!) { assignTerritoryToNetwork(territoryId: $t, networkCode: "CENTRO") { code } }',
    { t: C08 },
  ],
  // planning
  strategicAxes: () => ['{ strategicAxes { code } }'],
  actionPlans: () => ['{ actionPlans(networkCode: "CENTRO") { id } }'],
  actionPlan: (r) => ['query ($id: ID!) { actionPlan(id: $id) { id } }', { id: r.submittedPlanId }],
  activity: (r) => ['query ($id: ID!) { activity(id: $id) { id } }', { id: r.approvedActivityId }],
  commitmentActs: () => ['{ commitmentActs { id } }'],
  commitmentAct: (r) => ['query ($id: ID!) { commitmentAct(id: $id) { id } }', { id: r.actId }],
  commitments: () => ['{ commitments { id } }'],
  createActionPlan: () => [
    m('createActionPlan', 'CreateActionPlanInput'),
    {
      input: {
        networkCode: 'CENTRO',
        year: 2030 + ++years,
        title: 'Plan',
        generalObjective: 'Objetivo general.',
      },
    },
  ],
  updateActionPlan: (r) => [
    m('updateActionPlan', 'UpdateActionPlanInput'),
    { input: { id: r.draftPlanId, title: unique('Plan') } },
  ],
  addActivity: (r) => [
    m('addActivity', 'AddActivityInput'),
    {
      input: {
        planId: r.draftPlanId,
        title: unique('Taller'),
        axisCodes: ['EJE2'],
        territoryIds: [C08],
        startDate: `${r.draftPlanYear}-03-01`,
        endDate: `${r.draftPlanYear}-06-30`,
        goalQuantity: 4,
        goalUnit: 'talleres',
      },
    },
  ],
  recordActivityProgress: (r) => [
    m('recordActivityProgress', 'RecordActivityProgressInput', 'status'),
    { input: { activityId: r.approvedActivityId, executedQuantity: 1 } },
  ],
  addBudgetItem: (r) => [
    m('addBudgetItem', 'AddBudgetItemInput'),
    {
      input: {
        activityId: r.draftActivityId,
        resourceType: 'HUMAN',
        fundingSource: 'OWN_RESOURCES',
        plannedAmount: 1000,
      },
    },
  ],
  returnActionPlan: (r) => [
    'mutation ($id: ID!) { returnActionPlan(id: $id, reason: "Revisar") { status } }',
    { id: r.submittedPlanId },
  ],
  createActionLine: () => [
    m('createActionLine', 'CreateActionLineInput'),
    { input: { axisCode: 'EJE2', code: `L${900 + n++}`, name: unique('Línea de acción') } },
  ],
  createCommitmentAct: () => [
    m('createCommitmentAct', 'CreateCommitmentActInput'),
    {
      input: {
        title: unique('Acta'),
        eventName: 'Encuentro',
        date: '2026-03-01',
        place: 'Cali',
        networkCodes: ['CENTRO'],
        commitments: [{ description: 'Compromiso', dueDate: '2026-12-01' }],
      },
    },
  ],
  // education
  workshops: () => ['{ workshops(first: 1) { totalCount } }'],
  workshop: (r) => ['query ($id: ID!) { workshop(id: $id) { id } }', { id: r.workshopId }],
  materials: () => ['{ materials(first: 1) { totalCount } }'],
  participationStats: () => ['{ participationStats(filter: { networkCode: "CENTRO" }) { workshopsHeld } }'],
  scheduleWorkshop: () => [
    m('scheduleWorkshop', 'ScheduleWorkshopInput'),
    {
      input: {
        networkCode: 'CENTRO',
        title: unique('Taller'),
        topic: 'HEALTH_RIGHTS',
        modality: 'IN_PERSON',
        territoryId: C08,
        startsAt: daysFromNow(20),
        endsAt: daysFromNow(20.1),
        capacity: 10,
      },
    },
  ],
  rescheduleWorkshop: (r) => [
    m('rescheduleWorkshop', 'RescheduleWorkshopInput'),
    { input: { id: r.workshopId, startsAt: daysFromNow(30), endsAt: daysFromNow(30.1), reason: 'Lluvia' } },
  ],
  registerForWorkshop: (r) => [
    m('registerForWorkshop', 'RegisterForWorkshopInput'),
    {
      input: {
        workshopId: r.workshopId,
        dataConsent: true,
        participant: { fullName: 'Persona', documentNumber: String(50_000_000 + n++) },
      },
    },
  ],
  cancelRegistration: (r) => [
    'mutation ($id: ID!) { cancelRegistration(id: $id) { id } }',
    { id: r.registrationId },
  ],
  eraseParticipantData: (r) => [
    'mutation ($id: ID!) { eraseParticipantData(registrationId: $id) { erasedRegistrations } }',
    { id: r.registrationId },
  ],
  recordEvaluation: (r) => [
    m('recordEvaluation', 'RecordEvaluationInput'),
    { input: { workshopId: r.heldWorkshopId, satisfaction: 5 } },
  ],
  createMaterial: () => [
    m('createMaterial', 'CreateMaterialInput'),
    { input: { networkCode: 'CENTRO', title: unique('Cartilla'), kind: 'BOOKLET', topic: 'HEALTH_RIGHTS' } },
  ],
  // feedback
  trackPqrs: (r) => [
    'query ($r: String!, $c: String!) { trackPqrs(radicado: $r, trackingCode: $c) { status } }',
    { r: r.radicado, c: r.trackingCode },
  ],
  pqrsList: () => ['{ pqrsList(first: 1) { totalCount } }'],
  submitPqrs: () => [
    m('submitPqrs', 'SubmitPqrsInput', 'radicado'),
    {
      input: {
        networkCode: 'CENTRO',
        type: 'SUGERENCIA',
        subject: 'Horarios',
        description: unique('Amplíen el horario.'),
        channel: 'WEB',
        anonymous: true,
      },
    },
  ],
  addPqrsNote: (r) => [
    m('addPqrsNote', 'AddPqrsNoteInput'),
    { input: { pqrsId: r.pqrsId, note: unique('Nota') } },
  ],
  assignPqrs: (r) => [m('assignPqrs', 'AssignPqrsInput'), { input: { pqrsId: r.pqrsId, assignee: 'Ana' } }],
  // reads added with the connections, the portfolio, campaigns, consultations, notifications and indicators
  territoriesConnection: () => ['{ territoriesConnection(first: 1) { totalCount } }'],
  territoryByCode: () => ['{ territoryByCode(code: "C08") { id } }'],
  actionPlansConnection: () => ['{ actionPlansConnection(first: 1) { totalCount } }'],
  commitmentActsConnection: () => ['{ commitmentActsConnection(first: 1) { totalCount } }'],
  serviceOfferings: () => ['{ serviceOfferings(first: 1) { totalCount } }'],
  serviceOffering: () => ['query ($id: ID!) { serviceOffering(id: $id) { id } }', { id: C08 }],
  campaigns: () => ['{ campaigns(first: 1) { totalCount } }'],
  campaign: () => ['query ($id: ID!) { campaign(id: $id) { id } }', { id: C08 }],
  campaignReach: () => ['{ campaignReach { impressions } }'],
  surveys: () => ['{ surveys(first: 1) { totalCount } }'],
  survey: () => ['query ($id: ID!) { survey(id: $id) { id } }', { id: C08 }],
  consultations: () => ['{ consultations(first: 1) { totalCount } }'],
  consultation: () => ['query ($id: ID!) { consultation(id: $id) { id } }', { id: C08 }],
  myNotifications: () => ['{ myNotifications(first: 1) { totalCount } }'],
  unreadNotificationCount: () => ['{ unreadNotificationCount }'],
  metricCatalog: () => ['{ metricCatalog { name } }'],
  metricReports: () => ['{ metricReports(periods: ["2026-10"]) { period } }'],
  indicators: () => ['{ indicators { code } }'],
  indicator: () => ['{ indicator(code: "EXPERIENCIA_USUARIO") { code } }'],
  indicatorValues: () => ['{ indicatorValues(filter: { period: "2026-10" }) { value } }'],
  computationRun: () => ['query ($id: ID!) { computationRun(id: $id) { id } }', { id: C08 }],
  addCartographyFeature: () => [
    m('addCartographyFeature', 'AddCartographyFeatureInput'),
    {
      input: {
        networkCode: 'CENTRO',
        territoryId: C08,
        kind: 'RISK_ZONE',
        title: unique('Caño con aguas estancadas'),
        geometry: { type: 'Point', coordinates: [-76.5225, 3.4372] },
      },
    },
  ],
  recordCommitmentFollowUp: (r) => [
    m('recordCommitmentFollowUp', 'RecordCommitmentFollowUpInput'),
    {
      input: { commitmentId: r.commitmentId, note: 'Avance presentado en el comité.', status: 'IN_PROGRESS' },
    },
  ],
  // The PQRS was taken in hand by assignPqrs: answered, then closed, by the first caller allowed.
  respondToPqrs: (r) => [
    m('respondToPqrs', 'RespondToPqrsInput'),
    { input: { pqrsId: r.pqrsId, response: 'La entrega de su medicamento quedó programada para el lunes.' } },
  ],
  closePqrs: (r) => ['mutation ($id: ID!) { closePqrs(id: $id) { id } }', { id: r.pqrsId }],
  // Closed by now: the first caller allowed reopens it, then its deadline is extended once.
  reopenPqrs: (r) => [
    m('reopenPqrs', 'ReopenPqrsInput'),
    { input: { pqrsId: r.pqrsId, reason: 'El ciudadano aportó un documento nuevo.' } },
  ],
  extendPqrsDeadline: (r) => [
    m('extendPqrsDeadline', 'ExtendPqrsDeadlineInput'),
    { input: { pqrsId: r.pqrsId, newDueAt: daysFromNow(35), reason: 'Se requiere concepto de otra área.' } },
  ],
  ratePqrsResponse: (r) => [
    m('ratePqrsResponse', 'RatePqrsResponseInput', 'status'),
    { input: { radicado: r.radicado, trackingCode: r.trackingCode, score: 5 } },
  ],
  submitActionPlan: (r) => [
    'mutation ($id: ID!) { submitActionPlan(id: $id) { status } }',
    { id: r.draftPlanId },
  ],
  approveActionPlan: (r) => [
    'mutation ($id: ID!) { approveActionPlan(id: $id) { status } }',
    { id: r.submittedPlanId },
  ],
  markAllNotificationsRead: () => ['mutation { markAllNotificationsRead }'],
  myNotificationSettings: () => ['{ myNotificationSettings { digest } }'],
  updateMyNotificationSettings: () => [
    m('updateMyNotificationSettings', 'NotificationSettingsInput', 'digest'),
    { input: { digest: 'DAILY' } },
  ],
  notificationContactPoints: () => ['{ notificationContactPoints(networkCode: "CENTRO") { id } }'],
  createNotificationContactPoint: () => [
    m('createNotificationContactPoint', 'CreateNotificationContactPointInput', 'webhookSecret'),
    {
      input: {
        networkCode: 'CENTRO',
        role: 'ESE_STAFF',
        channel: 'EMAIL',
        address: `pqrs-${++n}@example.org`,
      },
    },
  ],
  updateNotificationContactPoint: (r) => [
    'mutation ($id: ID!) { updateNotificationContactPoint(id: $id, input: { kinds: ["pqrs.received"] }) { id } }',
    { id: r.contactPointId },
  ],
  // The first caller allowed deletes it; the ones after meet NOT_FOUND, a refusal.
  deleteNotificationContactPoint: (r) => [
    'mutation ($id: ID!) { deleteNotificationContactPoint(id: $id) }',
    { id: r.contactPointId },
  ],
  unsubscribeNotifications: (r) => [
    'mutation ($token: String!) { unsubscribeNotifications(token: $token) { kind } }',
    { token: r.unsubscribeToken },
  ],
  notificationDeliveries: () => ['{ notificationDeliveries(first: 1) { totalCount } }'],
  platformStatus: () => ['{ platformStatus { state } }'],
  retryNotificationDelivery: (r) => [
    'mutation ($id: ID!) { retryNotificationDelivery(id: $id) { status } }',
    { id: r.failedDeliveryId },
  ],
  recordAttendance: (r) => [
    m('recordAttendance', 'RecordAttendanceInput', 'id'),
    { input: { workshopId: r.workshopId, walkIns: [{ sex: 'HOMBRE' }] } },
  ],
  addActivityEvidence: (r) => [
    m('addActivityEvidence', 'AddActivityEvidenceInput'),
    {
      input: {
        activityId: r.approvedActivityId,
        date: '2026-03-15',
        kind: 'ATTENDANCE_LIST',
        name: unique('Lista de asistencia'),
        url: 'https://archivo.redcentro.example/listas/taller.pdf',
      },
    },
  ],
  createCampaign: () => [
    m('createCampaign', 'CreateCampaignInput'),
    {
      input: {
        networkCode: 'CENTRO',
        title: unique('Conoce tus derechos en salud'),
        startsOn: '2026-12-01',
        endsOn: '2026-12-31',
      },
    },
  ],
  createConsultation: () => [
    m('createConsultation', 'CreateConsultationInput'),
    {
      input: {
        networkCode: 'CENTRO',
        question: unique('¿Qué tema priorizamos en los talleres de 2027?'),
        options: ['Derechos y deberes', 'Salud mental'],
        opensAt: daysFromNow(1),
        closesAt: daysFromNow(15),
      },
    },
  ],
  createSurvey: () => [
    m('createSurvey', 'CreateSurveyInput'),
    {
      input: {
        networkCode: 'CENTRO',
        title: unique('Encuesta de experiencia en la sede'),
        anonymous: true,
        opensAt: daysFromNow(1),
        closesAt: daysFromNow(15),
        questions: [{ kind: 'SCALE_1_5', prompt: '¿Cómo califica la atención recibida?' }],
      },
    },
  ],
  defineIndicator: () => [
    m('defineIndicator', 'DefineIndicatorInput', 'code'),
    {
      input: {
        code: `PQRS_ATENDIDAS_${++n}`,
        name: 'PQRS respondidas',
        numerator: 'pqrs.answered',
        denominator: 'pqrs.received',
        factor: 100,
        unit: '%',
        direction: 'HIGHER_IS_BETTER',
      },
    },
  ],
  setIndicatorTarget: () => [
    m('setIndicatorTarget', 'SetIndicatorTargetInput', 'year'),
    { input: { indicatorCode: 'EXPERIENCIA_USUARIO', networkCode: 'CENTRO', year: 2027, target: 80.2 } },
  ],
  endRepresentation: (r) => [
    m('endRepresentation', 'EndRepresentationInput'),
    { input: { id: r.representationId, endDate: '2026-06-30' } },
  ],
  renameActionLine: (r) => [
    'mutation ($id: ID!) { renameActionLine(id: $id, name: "Escuelas de liderazgo en salud") { id } }',
    { id: r.actionLineId },
  ],
  useMaterials: (r) => [
    'mutation ($w: ID!, $m: [ID!]!) { useMaterials(workshopId: $w, materialIds: $m) { id } }',
    { w: r.heldWorkshopId, m: [r.materialId] },
  ],
  createServiceOffering: (r) => [
    m('createServiceOffering', 'CreateServiceOfferingInput'),
    {
      input: {
        facilityId: r.facilityId,
        name: 'Toma de muestras',
        modality: 'INTRAMURAL',
        schedule: 'Lunes a viernes',
        howToRequest: 'Con orden médica.',
        populationServed: 'Toda la población',
      },
    },
  ],
  updateServiceOffering: (r) => [
    m('updateServiceOffering', 'UpdateServiceOfferingInput'),
    { input: { id: r.serviceOfferingId, schedule: 'Lunes a sábado, 7:00 a 12:00' } },
  ],
  presentServicesAtWorkshop: (r) => [
    'mutation ($w: ID!, $s: [ID!]!) { presentServicesAtWorkshop(workshopId: $w, serviceOfferingIds: $s) { id } }',
    { w: r.portfolioWorkshopId, s: [r.serviceOfferingId] },
  ],
  addCampaignPiece: (r) => [
    m('addCampaignPiece', 'AddCampaignPieceInput'),
    {
      input: {
        campaignId: r.campaignId,
        channel: 'PRINT',
        title: unique('Afiche'),
        startsOn: '2026-12-01',
        endsOn: '2026-12-20',
      },
    },
  ],
  reportCampaignReach: (r) => [
    m('reportCampaignReach', 'ReportCampaignReachInput'),
    { input: { pieceId: r.pieceId, listeners: 1200 } },
  ],
  issueSurveyCodes: (r) => [
    'mutation ($id: ID!) { issueSurveyCodes(surveyId: $id, quantity: 2) { codes } }',
    { id: r.surveyId },
  ],
  issueConsultationCodes: (r) => [
    'mutation ($id: ID!) { issueConsultationCodes(consultationId: $id, quantity: 2) { codes } }',
    { id: r.consultationId },
  ],
  withdrawServiceOffering: (r) => [
    'mutation ($id: ID!) { withdrawServiceOffering(id: $id) { id } }',
    { id: r.serviceOfferingId },
  ],
  retireActionLine: (r) => [
    'mutation ($id: ID!) { retireActionLine(id: $id) { id } }',
    { id: r.actionLineId },
  ],
  deleteActionLine: (r) => ['mutation ($id: ID!) { deleteActionLine(id: $id) }', { id: r.actionLineId }],
  recordCommunityDayServices: (r) => [
    m('recordCommunityDayServices', 'RecordCommunityDayServicesInput'),
    {
      input: {
        workshopId: r.communityDayId,
        peopleServed: 85,
        servicesOffered: ['VACCINATION', 'VITAL_SIGNS'],
      },
    },
  ],
  // A staff member of another network asking for this PQRS gets null: hidden, not an error.
  pqrs: (r) => ['query ($id: ID!) { pqrs(id: $id) { radicado } }', { id: r.pqrsId }],
  transferPqrs: (r) => [
    m('transferPqrs', 'TransferPqrsInput'),
    { input: { pqrsId: r.pqrsId, toNetworkCode: 'NORTE', reason: 'La sede que nombra es de la Red Norte.' } },
  ],
  recordBudgetExecution: (r) => [
    m('recordBudgetExecution', 'RecordBudgetExecutionInput', 'id'),
    { input: { budgetItemId: r.budgetItemId, executedAmount: 400, date: '2026-04-10' } },
  ],
  closeActionPlan: (r) => [
    m('closeActionPlan', 'CloseActionPlanInput', 'status'),
    {
      input: {
        id: r.approvedPlanId,
        achievements: 'Se formaron 40 líderes en derechos en salud.',
        difficulties: 'Baja asistencia en temporada de lluvias.',
        lessons: 'Programar los talleres en la mañana.',
        activityResults: [{ activityId: r.approvedActivityId, result: 'Cumplida al 90 %.' }],
      },
    },
  ],
  answerSurvey: (r) => [
    m('answerSurvey', 'AnswerSurveyInput', 'submittedAt'),
    {
      input: {
        surveyId: r.openSurvey.id,
        code: r.openSurvey.codes.pop(),
        answers: [{ questionId: r.openSurvey.questionId, scale: 4 }],
      },
    },
  ],
  voteInConsultation: (r) => [
    m('voteInConsultation', 'VoteInConsultationInput', 'votedAt'),
    { input: { consultationId: r.openConsultation.id, code: r.openConsultation.codes.pop(), option: 1 } },
  ],
  computeIndicators: () => [
    m('computeIndicators', 'ComputeIndicatorsInput'),
    { input: { period: '2026-10' } },
  ],
  cancelWorkshop: (r) => [
    'mutation ($id: ID!) { cancelWorkshop(id: $id, reason: "Sin sede disponible") { id } }',
    { id: r.workshopId },
  ],
};

/** The audit rows of every service that keeps an audit trail: a refused call must not add one. */
async function auditRows(): Promise<number> {
  let total = 0;
  for (const [service, opened] of Object.entries(graph.databases)) {
    if (service === 'notifications') continue; // an inbox, not an audited record store
    const rows = (await opened.db.execute(
      `SELECT count(*)::int AS n FROM ${service}.audit_events`,
    )) as unknown as {
      n: number;
    }[];
    total += rows[0]!.n;
  }
  return total;
}

async function setUp(): Promise<Records> {
  const data = async <T>(query: string, variables?: Record<string, unknown>, as: Caller = CENTRO_STAFF) =>
    graph.data<T>(query, variables, as);
  const created = async <T>(operation: keyof typeof FIXTURES, as: Caller = CENTRO_STAFF, r = {} as Records) =>
    (await data<Record<string, T>>(...(FIXTURES[operation]!(r) as [string, Record<string, unknown>]), as))[
      operation
    ] as T;
  const org = async () =>
    (
      await data<{ createOrganization: { id: string } }>(m('createOrganization', 'CreateOrganizationInput'), {
        input: { networkCode: 'CENTRO', name: unique('Asociación'), kind: 'ASOCIACION_USUARIOS' },
      })
    ).createOrganization.id;
  const workshop = async () =>
    (await data<{ scheduleWorkshop: { id: string } }>(...FIXTURES.scheduleWorkshop!({} as Records)))
      .scheduleWorkshop.id;
  const plan = async () => {
    const [query, variables] = FIXTURES.createActionPlan!({} as Records);
    const { id } = (await data<{ createActionPlan: { id: string } }>(query, variables)).createActionPlan;
    return { id, year: (variables!.input as { year: number }).year };
  };
  const activity = async (p: { id: string; year: number }) => {
    const [query, variables] = FIXTURES.addActivity!({ draftPlanId: p.id, draftPlanYear: p.year } as Records);
    return (await data<{ addActivity: { id: string } }>(query, variables)).addActivity.id;
  };

  const workshopId = await workshop();
  const [register, registerVariables] = FIXTURES.registerForWorkshop!({ workshopId } as Records);
  const registration = await data<{ registerForWorkshop: { id: string } }>(register, registerVariables);
  const heldWorkshopId = await workshop();
  await data(m('recordAttendance', 'RecordAttendanceInput'), {
    input: { workshopId: heldWorkshopId, walkIns: [{ sex: 'MUJER' }] },
  });
  const draftPlan = await plan();
  const draftActivityId = await activity(draftPlan);
  const submittedPlan = await plan();
  await activity(submittedPlan);
  const submit = 'mutation ($id: ID!) { submitActionPlan(id: $id) { status } }';
  await data(submit, { id: submittedPlan.id });
  const approvedPlan = await plan();
  const approvedActivityId = await activity(approvedPlan);
  const budgetItem = await created<{ id: string }>('addBudgetItem', CENTRO_STAFF, {
    draftActivityId: approvedActivityId,
  } as Records);
  await data(submit, { id: approvedPlan.id });
  await data(
    'mutation ($id: ID!) { approveActionPlan(id: $id) { status } }',
    { id: approvedPlan.id },
    SECRETARIAT,
  );
  const receipt = (
    await graph.data<{ submitPqrs: { radicado: string; trackingCode: string } }>(
      ...(FIXTURES.submitPqrs!({} as Records).map((part, i) =>
        i === 0 ? m('submitPqrs', 'SubmitPqrsInput', 'radicado trackingCode') : part,
      ) as [string, Record<string, unknown>]),
    )
  ).submitPqrs;
  const pqrsId = (
    await data<{ pqrsList: { edges: { node: { id: string; radicado: string } }[] } }>(
      '{ pqrsList(first: 100) { edges { node { id radicado } } } }',
      {},
    )
  ).pqrsList.edges.find((e) => e.node.radicado === receipt.radicado)!.node.id;
  const act = await data<{ createCommitmentAct: { id: string; commitments: { id: string }[] } }>(
    m('createCommitmentAct', 'CreateCommitmentActInput', 'id commitments { id }'),
    FIXTURES.createCommitmentAct!({} as Records)[1]!,
  );
  const organizationId = await org();
  const representation = await created<{ id: string }>('addRepresentation', CENTRO_STAFF, {
    organizationId,
  } as Records);
  const actionLine = await created<{ id: string }>('createActionLine', SECRETARIAT);
  const material = await created<{ id: string }>('createMaterial');
  const facility = await created<{ id: string }>('createFacility');
  const offering = await data<{ createServiceOffering: { id: string } }>(
    m('createServiceOffering', 'CreateServiceOfferingInput'),
    {
      input: {
        facilityId: facility.id,
        name: 'Vacunación',
        modality: 'INTRAMURAL',
        schedule: 'Lunes a viernes, 7:00 a 12:00',
        howToRequest: 'Sin cita, con documento de identidad.',
        populationServed: 'Toda la población',
      },
    },
  );
  const [schedule, scheduled] = FIXTURES.scheduleWorkshop!({} as Records) as [string, { input: object }];
  const portfolioWorkshop = await data<{ scheduleWorkshop: { id: string } }>(schedule, {
    input: { ...scheduled.input, topic: 'SERVICE_PORTFOLIO' },
  });
  const communityDay = await data<{ scheduleWorkshop: { id: string } }>(schedule, {
    input: {
      ...scheduled.input,
      title: unique('Jornada de salud'),
      kind: 'COMMUNITY_DAY',
      topic: 'COMMUNITY_DAY',
    },
  });
  const [createSurvey, surveyInput] = FIXTURES.createSurvey!({} as Records) as [string, { input: object }];
  const openSurvey = await data<{ createSurvey: { id: string; questions: { id: string }[] } }>(
    createSurvey.replace('{ id }', '{ id questions { id } }'),
    { input: { ...surveyInput.input, opensAt: daysFromNow(-1) } },
  );
  const [createConsultation, consultationInput] = FIXTURES.createConsultation!({} as Records) as [
    string,
    { input: object },
  ];
  const openConsultation = await data<{ createConsultation: { id: string } }>(createConsultation, {
    input: { ...consultationInput.input, opensAt: daysFromNow(-1) },
  });
  const surveyCodes = await data<{ issueSurveyCodes: { codes: string[] } }>(
    'mutation ($id: ID!) { issueSurveyCodes(surveyId: $id, quantity: 20) { codes } }',
    { id: openSurvey.createSurvey.id },
  );
  const consultationCodes = await data<{ issueConsultationCodes: { codes: string[] } }>(
    'mutation ($id: ID!) { issueConsultationCodes(consultationId: $id, quantity: 20) { codes } }',
    { id: openConsultation.createConsultation.id },
  );
  const campaign = await created<{ id: string }>('createCampaign');
  const piece = await data<{ addCampaignPiece: { id: string } }>(
    m('addCampaignPiece', 'AddCampaignPieceInput'),
    {
      input: {
        campaignId: campaign.id,
        channel: 'RADIO',
        title: 'Cuña radial',
        startsOn: '2026-12-01',
        endsOn: '2026-12-15',
      },
    },
  );
  const survey = await created<{ id: string }>('createSurvey');
  const consultation = await created<{ id: string }>('createConsultation');
  const contactPoint = await data<{ createNotificationContactPoint: { contactPoint: { id: string } } }>(
    m('createNotificationContactPoint', 'CreateNotificationContactPointInput', 'contactPoint { id }'),
    {
      input: { networkCode: 'CENTRO', role: 'ESE_ADMIN', channel: 'EMAIL', address: 'gerencia@example.org' },
    },
    { role: 'ese_admin', network: 'CENTRO', sub: 'policy-setup-admin' },
  );
  // A delivery whose retries ran out, as the worker leaves it (the sweep runs no worker).
  const [failed] = await graph.databases
    .notifications!.db.insert(deliveries)
    .values({
      eventId: randomUUID(),
      recipient: 'petitioner:policy',
      channel: 'EMAIL',
      address: 'rebota@example.org',
      kind: 'pqrs.received',
      subject: 'Recibimos su PQRS',
      text: 'Texto',
      status: 'FAILED',
      attempts: 5,
    })
    .returning({ id: deliveries.id });
  return {
    contactPointId: contactPoint.createNotificationContactPoint.contactPoint.id,
    failedDeliveryId: failed!.id,
    unsubscribeToken: unsubscribeToken({ recipient: 'user:policy', kind: 'pqrs.received', channel: 'EMAIL' }),
    representationId: representation.id,
    actionLineId: actionLine.id,
    materialId: material.id,
    facilityId: facility.id,
    portfolioWorkshopId: portfolioWorkshop.scheduleWorkshop.id,
    communityDayId: communityDay.scheduleWorkshop.id,
    budgetItemId: budgetItem.id,
    approvedPlanId: approvedPlan.id,
    openSurvey: {
      id: openSurvey.createSurvey.id,
      questionId: openSurvey.createSurvey.questions[0]!.id,
      codes: surveyCodes.issueSurveyCodes.codes,
    },
    openConsultation: {
      id: openConsultation.createConsultation.id,
      codes: consultationCodes.issueConsultationCodes.codes,
    },
    serviceOfferingId: offering.createServiceOffering.id,
    campaignId: campaign.id,
    pieceId: piece.addCampaignPiece.id,
    surveyId: survey.id,
    consultationId: consultation.id,
    organizationId,
    otherOrganizationId: await org(),
    workshopId,
    heldWorkshopId,
    registrationId: registration.registerForWorkshop.id,
    draftPlanId: draftPlan.id,
    draftPlanYear: draftPlan.year,
    draftActivityId,
    submittedPlanId: submittedPlan.id,
    approvedActivityId,
    pqrsId,
    radicado: receipt.radicado,
    trackingCode: receipt.trackingCode,
    actId: act.createCommitmentAct.id,
    commitmentId: act.createCommitmentAct.commitments[0]!.id,
  };
}

describe('every operation as every caller, through the gateway', () => {
  beforeAll(async () => {
    graph = await startTestGraph(SERVICES);
    records = await setUp();
  }, 120_000);
  afterAll(() => graph?.stop());

  // A record the caller may not see at all (a draft plan of another network) is reported missing.
  const REFUSALS = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'];
  // Lists the resolver narrows to what the caller may read (a network's staff: their own network).
  const NARROWED = new Set<Operation>(['pqrsList']);
  // Reads of one record that answer null to a caller who may not see it (docs/authorization.md).
  const HIDDEN = new Set<Operation>(['pqrs']);
  const covered = Object.keys(FIXTURES) as Operation[];

  it.each(covered)(
    '%s: allowed and refused exactly as the policy says; a refusal writes nothing',
    async (operation) => {
      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const call of CALLS) {
        const allowed = may(call.identity, operation, NARROWED.has(operation) ? {} : inNetwork('CENTRO'));
        const before = await auditRows();
        const [query, variables] = FIXTURES[operation]!(records);
        const result = await graph.request(query, variables, call.as);
        const codes = errorCodes(result);
        const first = result.errors?.[0];
        // Writes naming a draft plan the caller may not see get the answer of a plan that does not exist.
        const reportedMissing =
          first?.extensions?.code === 'BAD_USER_INPUT' &&
          ['planId', 'activityId'].includes(String(first.extensions.field)) &&
          /no existe/.test(first.message);
        const hidden =
          HIDDEN.has(operation) && !result.errors && Object.values(result.data ?? {})[0] === null;
        const refused = reportedMissing || hidden || codes.some((code) => REFUSALS.includes(code));
        outcomes.push(`${call.name}: ${refused ? `refused ${codes.join(',')}` : 'allowed'}`);
        expected.push(`${call.name}: ${allowed ? 'allowed' : `refused ${codes.join(',')}`}`);
        if (refused)
          expect(await auditRows(), `${operation} as ${call.name} wrote while refused`).toBe(before);
        // A call the policy allows must succeed (a wrong fixture would otherwise pass as "allowed").
        if (allowed)
          expect(
            codes.filter((c) => c !== 'CONFLICT'),
            `${operation} as ${call.name}: ${JSON.stringify(result.errors)}`,
          ).toEqual([]);
        // An allowed call may still meet the record's state (CONFLICT) but never a refusal; a refused
        // call is refused by the policy, not by a mistake in its input.
        if (!allowed && !reportedMissing)
          expect(
            codes.filter((c) => c === 'BAD_USER_INPUT'),
            `${operation} as ${call.name}`,
          ).toEqual([]);
      }
      expect(outcomes).toEqual(expected);
    },
  );
});
