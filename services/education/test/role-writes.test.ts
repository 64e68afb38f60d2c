/**
 * Role × write for every mutation of education, through the gateway: who may write a CENTRO
 * workshop or registration, as the authorization policy (docs/authorization.md) says, and that a
 * refused attempt writes nothing.
 */
import { territoryService } from '@participa/territory';
import { startTestGraph, type TestGraph } from '@participa/testing';
import {
  ACTORS,
  describeRoleWrites,
  OWN_NETWORK,
  type WriteCase,
  writeCase,
} from '@participa/testing/role-writes';
import { afterAll, beforeAll } from 'vitest';
import { educationService } from '../src/service.ts';
import {
  CENTRO_STAFF,
  daysFromNow,
  person,
  register,
  SECRETARIAT,
  scheduleWorkshop,
  territory,
} from './helpers.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService, educationService]);
});
afterAll(() => graph?.stop());

/** The secretariat reads every network and writes reference data, not a network's workshops. */
const NETWORK_RECORD = { allowed: OWN_NETWORK };

let people = 1000;
const workshop = () => scheduleWorkshop(graph);

async function registration() {
  const workshopId = await workshop();
  const result = await register(graph, workshopId, person(++people));
  return { workshopId, registrationId: result.data!.registerForWorkshop.id };
}

async function held() {
  const { workshopId, registrationId } = await registration();
  await graph.data(
    'mutation ($input: RecordAttendanceInput!) { recordAttendance(input: $input) { id } }',
    { input: { workshopId, registrationIds: [registrationId] } },
    CENTRO_STAFF,
  );
  return workshopId;
}

async function sharedMaterial() {
  const data = await graph.data<{ createMaterial: { id: string } }>(
    'mutation ($input: CreateMaterialInput!) { createMaterial(input: $input) { id } }',
    { input: { title: 'Cartilla de derechos y deberes', kind: 'BOOKLET', topic: 'HEALTH_RIGHTS' } },
    SECRETARIAT,
  );
  return { workshopId: await workshop(), materialId: data.createMaterial.id };
}

const material = (networkCode?: string) => ({
  query: 'mutation ($input: CreateMaterialInput!) { createMaterial(input: $input) { id } }',
  variables: { input: { networkCode, title: 'Guía de veedurías', kind: 'GUIDE', topic: 'SOCIAL_CONTROL' } },
});

const cases: Record<string, WriteCase<unknown>> = {
  scheduleWorkshop: writeCase({
    ...NETWORK_RECORD,
    arrange: async () => daysFromNow(10),
    operation: (startsAt: Date) => ({
      query: 'mutation ($input: ScheduleWorkshopInput!) { scheduleWorkshop(input: $input) { id } }',
      variables: {
        input: {
          networkCode: 'CENTRO',
          title: 'Taller de mecanismos de participación',
          topic: 'PARTICIPATION_MECHANISMS',
          modality: 'IN_PERSON',
          territoryId: territory('C10'),
          capacity: 20,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString(),
        },
      },
    }),
  }),
  rescheduleWorkshop: writeCase({
    ...NETWORK_RECORD,
    arrange: workshop,
    operation: (id: string) => ({
      query: 'mutation ($input: RescheduleWorkshopInput!) { rescheduleWorkshop(input: $input) { id } }',
      variables: {
        input: {
          id,
          startsAt: daysFromNow(14).toISOString(),
          endsAt: new Date(daysFromNow(14).getTime() + 7_200_000).toISOString(),
          reason: 'El salón no está disponible',
        },
      },
    }),
  }),
  cancelWorkshop: writeCase({
    ...NETWORK_RECORD,
    arrange: workshop,
    operation: (id: string) => ({
      query: 'mutation ($id: ID!, $reason: String!) { cancelWorkshop(id: $id, reason: $reason) { id } }',
      variables: { id, reason: 'Paro de transporte' },
    }),
  }),
  recordCommunityDayServices: writeCase({
    ...NETWORK_RECORD,
    arrange: () => scheduleWorkshop(graph, { topic: 'COMMUNITY_DAY', title: 'Jornada comunitaria' }),
    operation: (workshopId: string) => ({
      query: `mutation ($input: RecordCommunityDayServicesInput!) { recordCommunityDayServices(input: $input) { id } }`,
      variables: { input: { workshopId, servicesOffered: ['VACCINATION', 'VITAL_SIGNS'], peopleServed: 45 } },
    }),
  }),
  // Public: anyone signs up, with or without an account.
  registerForWorkshop: writeCase({
    allowed: ACTORS,
    arrange: async () => ({ workshopId: await workshop(), n: ++people }),
    operation: ({ workshopId, n }: { workshopId: string; n: number }) => ({
      query: 'mutation ($input: RegisterForWorkshopInput!) { registerForWorkshop(input: $input) { id } }',
      variables: { input: { workshopId, participant: person(n), dataConsent: true } },
    }),
  }),
  // Without the participant's check-in code: staff of the workshop's network only.
  cancelRegistration: writeCase({
    allowed: OWN_NETWORK,
    arrange: registration,
    operation: ({ registrationId }: { registrationId: string }) => ({
      query: 'mutation ($id: ID!) { cancelRegistration(id: $id) { id } }',
      variables: { id: registrationId },
    }),
  }),
  recordAttendance: writeCase({
    ...NETWORK_RECORD,
    arrange: registration,
    operation: ({ workshopId, registrationId }: { workshopId: string; registrationId: string }) => ({
      query: 'mutation ($input: RecordAttendanceInput!) { recordAttendance(input: $input) { id } }',
      variables: { input: { workshopId, registrationIds: [registrationId] } },
    }),
  }),
  recordEvaluation: writeCase({
    ...NETWORK_RECORD,
    arrange: held,
    operation: (workshopId: string) => ({
      query: 'mutation ($input: RecordEvaluationInput!) { recordEvaluation(input: $input) { id } }',
      variables: { input: { workshopId, satisfaction: 5, preTestScore: 60, postTestScore: 85 } },
    }),
  }),
  // Without the participant's check-in code: staff of the workshop's network only.
  eraseParticipantData: writeCase({
    allowed: OWN_NETWORK,
    arrange: registration,
    operation: ({ registrationId }: { registrationId: string }) => ({
      query: 'mutation ($id: ID!) { eraseParticipantData(registrationId: $id) { erasedRegistrations } }',
      variables: { id: registrationId },
    }),
  }),
  createMaterial: writeCase({
    ...NETWORK_RECORD,
    arrange: async () => 'CENTRO',
    operation: material,
  }),
  useMaterials: writeCase({
    ...NETWORK_RECORD,
    arrange: sharedMaterial,
    operation: ({ workshopId, materialId }: { workshopId: string; materialId: string }) => ({
      query: 'mutation ($w: ID!, $m: [ID!]!) { useMaterials(workshopId: $w, materialIds: $m) { id } }',
      variables: { w: workshopId, m: [materialId] },
    }),
  }),
};

describeRoleWrites(() => graph, { service: 'education', network: 'CENTRO', otherNetwork: 'NORTE' }, cases);

// Materials of no network are reference data: the secretariat's.
describeRoleWrites(
  () => graph,
  { service: 'education', network: 'CENTRO', otherNetwork: 'NORTE' },
  {
    createMaterial: writeCase({
      allowed: ['secretariat'],
      arrange: async () => undefined,
      operation: () => material(),
    }),
  },
);
