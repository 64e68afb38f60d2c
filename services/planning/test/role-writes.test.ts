/**
 * Role × write for every mutation of planning, through the gateway: who may write a CENTRO record,
 * as the authorization policy (docs/authorization.md) says, and that a refused attempt writes nothing.
 */
import { territoryService } from '@participa/territory';
import { startTestGraph, type TestGraph } from '@participa/testing';
import {
  type Actor,
  describeRoleWrites,
  OWN_NETWORK,
  type WriteCase,
  writeCase,
} from '@participa/testing/role-writes';
import { afterAll, beforeAll } from 'vitest';
import { planningService } from '../src/service.ts';
import {
  activityInput,
  addActivity,
  approve,
  CENTRO_STAFF,
  createPlan,
  SECRETARIAT,
  SUBMIT,
} from './helpers.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService, planningService]);
});
afterAll(() => graph?.stop());

/** The secretariat reads every network and writes reference data, not a network's plan. */
const NETWORK_RECORD = { allowed: OWN_NETWORK };
const SECRETARIAT_ONLY: readonly Actor[] = ['secretariat'];

// Plans are unique per (network, year) and years run 2017–2100: one year per plan of this file.
let lastYear = 2016;
const freshYear = () => ++lastYear;

let serial = 0;
const unique = () => `${Date.now().toString(36)}${++serial}`;

async function draft() {
  const year = freshYear();
  const planId = await createPlan(graph, 'CENTRO', year);
  const activityId = await addActivity(graph, activityInput(planId, year));
  return { planId, activityId, year };
}

async function submitted() {
  const plan = await draft();
  await graph.data(SUBMIT, { id: plan.planId }, CENTRO_STAFF);
  return plan;
}

async function approved() {
  const plan = await draft();
  const item = await graph.data<{ addBudgetItem: { id: string } }>(
    'mutation ($input: AddBudgetItemInput!) { addBudgetItem(input: $input) { id } }',
    {
      input: {
        activityId: plan.activityId,
        resourceType: 'HUMAN',
        fundingSource: 'OWN_RESOURCES',
        plannedAmount: 1_000_000,
      },
    },
    CENTRO_STAFF,
  );
  await approve(graph, plan.planId);
  return { ...plan, budgetItemId: item.addBudgetItem.id };
}

async function actionLine() {
  const data = await graph.data<{ createActionLine: { id: string } }>(
    'mutation ($input: CreateActionLineInput!) { createActionLine(input: $input) { id } }',
    { input: { axisCode: 'EJE2', code: `L-${unique()}`, name: `Línea ${unique()}` } },
    SECRETARIAT,
  );
  return data.createActionLine.id;
}

async function commitment() {
  const data = await graph.data<{ createCommitmentAct: { commitments: { id: string }[] } }>(
    `mutation ($input: CreateCommitmentActInput!) { createCommitmentAct(input: $input) { commitments { id } } }`,
    { input: commitmentAct() },
    CENTRO_STAFF,
  );
  return data.createCommitmentAct.commitments[0]!.id;
}

const commitmentAct = () => ({
  title: 'Acta de compromisos Cali Conecta',
  eventName: 'Cali Conecta',
  date: '2024-05-10',
  place: 'Centro de Salud Diego Lalinde',
  networkCodes: ['CENTRO'],
  commitments: [{ description: 'Socializar el portafolio de servicios', dueDate: '2024-12-31' }],
});

const id = (query: string) => (fixture: { planId: string }) => ({ query, variables: { id: fixture.planId } });

const cases: Record<string, WriteCase<unknown>> = {
  createActionPlan: writeCase({
    ...NETWORK_RECORD,
    arrange: async () => freshYear(),
    operation: (year: number) => ({
      query: 'mutation ($input: CreateActionPlanInput!) { createActionPlan(input: $input) { id } }',
      variables: { input: { networkCode: 'CENTRO', year, title: 'Plan', generalObjective: 'Objetivo' } },
    }),
  }),
  updateActionPlan: writeCase({
    ...NETWORK_RECORD,
    arrange: draft,
    operation: ({ planId }) => ({
      query: 'mutation ($input: UpdateActionPlanInput!) { updateActionPlan(input: $input) { id } }',
      variables: { input: { id: planId, title: 'Plan ajustado' } },
    }),
  }),
  addActivity: writeCase({
    ...NETWORK_RECORD,
    arrange: draft,
    operation: ({ planId, year }) => ({
      query: 'mutation ($input: AddActivityInput!) { addActivity(input: $input) { id } }',
      variables: { input: activityInput(planId, year, { title: 'Otra actividad' }) },
    }),
  }),
  recordActivityProgress: writeCase({
    ...NETWORK_RECORD,
    arrange: approved,
    operation: ({ activityId }) => ({
      query: `mutation ($input: RecordActivityProgressInput!) { recordActivityProgress(input: $input) { id } }`,
      variables: { input: { activityId, executedQuantity: 3 } },
    }),
  }),
  addActivityEvidence: writeCase({
    ...NETWORK_RECORD,
    arrange: approved,
    operation: ({ activityId, year }) => ({
      query: `mutation ($input: AddActivityEvidenceInput!) { addActivityEvidence(input: $input) { id } }`,
      variables: {
        input: {
          activityId,
          name: 'Listado de asistencia',
          kind: 'ATTENDANCE_LIST',
          url: 'https://example.org/asistencia.pdf',
          date: `${year}-03-15`,
        },
      },
    }),
  }),
  addBudgetItem: writeCase({
    ...NETWORK_RECORD,
    arrange: draft,
    operation: ({ activityId }) => ({
      query: 'mutation ($input: AddBudgetItemInput!) { addBudgetItem(input: $input) { id } }',
      variables: {
        input: {
          activityId,
          resourceType: 'MATERIAL',
          fundingSource: 'OWN_RESOURCES',
          plannedAmount: 250_000,
        },
      },
    }),
  }),
  recordBudgetExecution: writeCase({
    ...NETWORK_RECORD,
    arrange: approved,
    operation: ({ budgetItemId }) => ({
      query: `mutation ($input: RecordBudgetExecutionInput!) { recordBudgetExecution(input: $input) { id } }`,
      variables: { input: { budgetItemId, executedAmount: 100_000 } },
    }),
  }),
  submitActionPlan: writeCase({
    ...NETWORK_RECORD,
    arrange: draft,
    operation: id('mutation ($id: ID!) { submitActionPlan(id: $id) { id } }'),
  }),
  // "SUBMITTED → DRAFT with the reason (the network or the secretariat)" (graph contract).
  returnActionPlan: writeCase({
    allowed: SECRETARIAT_ONLY,
    arrange: submitted,
    operation: ({ planId }) => ({
      query: 'mutation ($id: ID!, $reason: String!) { returnActionPlan(id: $id, reason: $reason) { id } }',
      variables: { id: planId, reason: 'Falta el presupuesto.' },
    }),
  }),
  approveActionPlan: writeCase({
    allowed: SECRETARIAT_ONLY,
    arrange: submitted,
    operation: id('mutation ($id: ID!) { approveActionPlan(id: $id) { id } }'),
  }),
  closeActionPlan: writeCase({
    ...NETWORK_RECORD,
    arrange: approved,
    operation: ({ planId, activityId }) => ({
      query: 'mutation ($input: CloseActionPlanInput!) { closeActionPlan(input: $input) { id } }',
      variables: {
        input: {
          id: planId,
          achievements: 'Logros',
          difficulties: 'Dificultades',
          lessons: 'Lecciones',
          activityResults: [{ activityId, result: 'Cumplida' }],
        },
      },
    }),
  }),
  createActionLine: writeCase({
    allowed: SECRETARIAT_ONLY,
    arrange: async () => unique(),
    operation: (suffix: string) => ({
      query: 'mutation ($input: CreateActionLineInput!) { createActionLine(input: $input) { id } }',
      variables: { input: { axisCode: 'EJE3', code: `N-${suffix}`, name: `Nueva línea ${suffix}` } },
    }),
  }),
  renameActionLine: writeCase({
    allowed: SECRETARIAT_ONLY,
    arrange: actionLine,
    operation: (lineId: string) => ({
      query: 'mutation ($id: ID!, $name: String!) { renameActionLine(id: $id, name: $name) { id } }',
      variables: { id: lineId, name: `Renombrada ${unique()}` },
    }),
  }),
  retireActionLine: writeCase({
    allowed: SECRETARIAT_ONLY,
    arrange: actionLine,
    operation: (lineId: string) => ({
      query: 'mutation ($id: ID!) { retireActionLine(id: $id) { id } }',
      variables: { id: lineId },
    }),
  }),
  deleteActionLine: writeCase({
    allowed: SECRETARIAT_ONLY,
    arrange: actionLine,
    operation: (lineId: string) => ({
      query: 'mutation ($id: ID!) { deleteActionLine(id: $id) }',
      variables: { id: lineId },
    }),
  }),
  // "Staff of every network of the act, or the secretariat (multi-network acts)" (graph contract).
  createCommitmentAct: writeCase({
    allowed: [...OWN_NETWORK, 'secretariat'],
    arrange: async () => commitmentAct(),
    operation: (input: ReturnType<typeof commitmentAct>) => ({
      query: 'mutation ($input: CreateCommitmentActInput!) { createCommitmentAct(input: $input) { id } }',
      variables: { input },
    }),
  }),
  recordCommitmentFollowUp: writeCase({
    allowed: [...OWN_NETWORK, 'secretariat'],
    arrange: commitment,
    operation: (commitmentId: string) => ({
      query: `mutation ($input: RecordCommitmentFollowUpInput!) { recordCommitmentFollowUp(input: $input) { id } }`,
      variables: { input: { commitmentId, note: 'Se socializó en la comuna 9.', status: 'IN_PROGRESS' } },
    }),
  }),
};

describeRoleWrites(() => graph, { service: 'planning', network: 'CENTRO', otherNetwork: 'NORTE' }, cases);
