import { planningService } from '@participa/planning';
import { demoActivityId, demoRecordId, networkByCode } from '@participa/reference';
import { territoryService } from '@participa/territory';
import { type Caller, errorCodes, startTestGraph, type TestGraph } from '@participa/testing';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackDb } from '../src/db/index.ts';
import { surveyResponses, surveys } from '../src/db/schema.ts';
import {
  EXPERIENCE_POSITIVE,
  EXPERIENCE_RESPONSES,
  surveyExperienceMetrics,
} from '../src/participation/metrics.ts';
import { feedbackService } from '../src/service.ts';
import { CENTRO_STAFF, CITIZEN, NORTE_STAFF, SECRETARIAT } from './helpers.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService, planningService, feedbackService], { demoData: true });
});
afterAll(() => graph?.stop());

const DAY_MS = 86_400_000;
const EXPERIENCE = demoRecordId('survey', 'experiencia-centro-2025');
const CHANNELS = demoRecordId('survey', 'canales-distrito');
const TOPICS = demoRecordId('consultation', 'temas-talleres-2023');

const CREATE_SURVEY = `mutation($input: CreateSurveyInput!) {
  createSurvey(input: $input) { id status network { code } questions { id kind options required overall } }
}`;
const ISSUE =
  'mutation($id: ID!, $n: Int!) { issueSurveyCodes(surveyId: $id, quantity: $n) { batchId quantity codes } }';
const ANSWER = `mutation($input: AnswerSurveyInput!) { answerSurvey(input: $input) { submittedAt survey { id responseCount } } }`;
const RESULTS = `query($id: ID!) { survey(id: $id) {
  responseCount
  results { responses questions { answered average question { prompt } options { position label count percent } } }
} }`;
const OPEN_ANSWERS = `query($id: ID!) { survey(id: $id) { questions { kind openAnswers(first: 50) { totalCount edges { node { text } } } } } }`;

interface Question {
  id: string;
  kind: string;
  options: string[];
}
interface ResultsData {
  survey: {
    responseCount: number;
    results: {
      responses: number;
      questions: {
        answered: number;
        average: number | null;
        question: { prompt: string };
        options: { position: number; label: string; count: number; percent: number }[];
      }[];
    } | null;
  };
}

type ResultsOfOpen = { survey: { questions: { kind: string; openAnswers: unknown }[] } | null };

const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

const surveyInput = (overrides: Record<string, unknown> = {}) => ({
  networkCode: 'CENTRO',
  title: 'Satisfacción con la jornada de vacunación',
  anonymous: true,
  opensAt: inDays(-1),
  closesAt: inDays(10),
  questions: [
    { prompt: '¿Cómo califica la jornada?', kind: 'SCALE_1_5' },
    { prompt: '¿Cómo se enteró?', kind: 'SINGLE_CHOICE', options: ['Radio', 'Redes sociales', 'Vecinos'] },
    {
      prompt: '¿Qué servicios recibió?',
      kind: 'MULTIPLE_CHOICE',
      options: ['Vacunación', 'Tamizaje', 'Orientación'],
    },
    { prompt: 'Comentarios', kind: 'OPEN_TEXT', required: false },
  ],
  ...overrides,
});

async function createSurvey(overrides: Record<string, unknown> = {}, as: Caller = CENTRO_STAFF) {
  const { createSurvey } = await graph.data<{ createSurvey: { id: string; questions: Question[] } }>(
    CREATE_SURVEY,
    { input: surveyInput(overrides) },
    as,
  );
  return createSurvey;
}

const fullAnswers = (questions: Question[], scale = 5, text = 'Muy buena atención') => [
  { questionId: questions[0]!.id, scale },
  { questionId: questions[1]!.id, choices: [1] },
  { questionId: questions[2]!.id, choices: [0, 2] },
  { questionId: questions[3]!.id, text },
];

async function surveyCount(): Promise<number> {
  const [row] = await graph.databases.feedback!.db.select({ n: count() }).from(surveys);
  return row!.n;
}

async function responsesOf(surveyId: string): Promise<number> {
  const [row] = await graph.databases
    .feedback!.db.select({ n: count() })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, surveyId));
  return row!.n;
}

describe('the demo user-experience survey', () => {
  it('publishes its results once closed: counts and percentages, and 78.10 % positive overall', async () => {
    const { survey } = await graph.data<ResultsData>(RESULTS, { id: EXPERIENCE });
    expect(survey.responseCount).toBe(105);
    const overall = survey.results!.questions[0]!;
    expect(overall.answered).toBe(105);
    const positive = overall.options.filter((o) => o.position >= 3).reduce((sum, o) => sum + o.count, 0);
    expect(positive).toBe(82);
    expect(overall.options.map((o) => o.label)).toEqual(['1', '2', '3', '4', '5']);
    expect(overall.options.reduce((sum, o) => sum + o.count, 0)).toBe(105);
    const percentPositive = overall.options
      .filter((o) => o.position >= 3)
      .reduce((sum, o) => sum + o.percent, 0);
    expect(percentPositive).toBeCloseTo(78.1, 1);
    expect(overall.average).toBeGreaterThan(3.5);
    const optional = survey.results!.questions[2]!;
    expect(optional.answered).toBe(53);
    // Multiple choice: each of two options per answer, so the shares add up to 200 %.
    expect(optional.options.reduce((sum, o) => sum + o.count, 0)).toBe(106);
  });

  it('gives the metrics survey.experience.responses and .positive per network and for the district', async () => {
    const db = graph.databases.feedback!.db as unknown as FeedbackDb;
    const metrics = await surveyExperienceMetrics(db, {
      from: new Date('2025-01-01T05:00:00Z'),
      to: new Date('2026-01-01T05:00:00Z'),
    });
    const centro = metrics.find((m) => m.networkId === networkByCode('CENTRO')!.id);
    expect(centro?.values).toEqual({ [EXPERIENCE_RESPONSES]: 105, [EXPERIENCE_POSITIVE]: 82 });
    expect(metrics.find((m) => m.scope === 'DISTRICT')?.values).toEqual({
      [EXPERIENCE_RESPONSES]: 105,
      [EXPERIENCE_POSITIVE]: 82,
    });
    const firstQuarter = await surveyExperienceMetrics(db, {
      from: new Date('2025-01-01T05:00:00Z'),
      to: new Date('2025-04-01T05:00:00Z'),
    });
    const q1 = firstQuarter.find((m) => m.scope === 'DISTRICT')!.values[EXPERIENCE_RESPONSES];
    expect(q1).toBeGreaterThan(0);
    expect(q1).toBeLessThan(105);
    const empty = await surveyExperienceMetrics(db, {
      from: new Date('2022-01-01T05:00:00Z'),
      to: new Date('2023-01-01T05:00:00Z'),
    });
    expect(empty).toEqual([
      { scope: 'DISTRICT', networkId: null, values: { [EXPERIENCE_RESPONSES]: 0, [EXPERIENCE_POSITIVE]: 0 } },
    ]);
  });

  it('lets only staff of the survey’s network read open-text answers, never who wrote them', async () => {
    const { survey } = await graph.data<{
      survey: {
        questions: {
          kind: string;
          openAnswers: { totalCount: number; edges: { node: { text: string } }[] } | null;
        }[];
      };
    }>(OPEN_ANSWERS, { id: EXPERIENCE }, CENTRO_STAFF);
    const open = survey.questions.find((q) => q.kind === 'OPEN_TEXT')!.openAnswers!;
    expect(open.totalCount).toBe(12);
    expect(open.edges[0]!.node.text.length).toBeGreaterThan(0);
    expect(Object.keys(open.edges[0]!.node)).toEqual(['text']);
    for (const caller of [undefined, CITIZEN, NORTE_STAFF, SECRETARIAT]) {
      const refused = await graph.request(OPEN_ANSWERS, { id: EXPERIENCE }, caller);
      expect(errorCodes(refused), JSON.stringify(caller)).toContain('FORBIDDEN');
      const questions = (refused.data as ResultsOfOpen | null)?.survey?.questions ?? [];
      expect(questions.find((q) => q.kind === 'OPEN_TEXT')?.openAnswers ?? null).toBeNull();
    }
  });

  it('for a district survey, only the secretariat reads open-text answers', async () => {
    expect(errorCodes(await graph.request(OPEN_ANSWERS, { id: CHANNELS }, CENTRO_STAFF))).toContain(
      'FORBIDDEN',
    );
    const { survey } = await graph.data<{ survey: { questions: { kind: string; openAnswers: unknown }[] } }>(
      OPEN_ANSWERS,
      { id: CHANNELS },
      SECRETARIAT,
    );
    expect(survey.questions.find((q) => q.kind === 'OPEN_TEXT')!.openAnswers).toMatchObject({
      totalCount: 0,
    });
  });
});

describe('creating surveys', () => {
  it('lets staff create surveys of their network and only the secretariat district surveys', async () => {
    const before = await surveyCount();
    expect(errorCodes(await graph.request(CREATE_SURVEY, { input: surveyInput() }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(errorCodes(await graph.request(CREATE_SURVEY, { input: surveyInput() }, CITIZEN))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await graph.request(CREATE_SURVEY, { input: surveyInput() }, NORTE_STAFF))).toEqual([
      'FORBIDDEN',
    ]);
    const district = surveyInput({ networkCode: null });
    expect(errorCodes(await graph.request(CREATE_SURVEY, { input: district }, CENTRO_STAFF))).toEqual([
      'FORBIDDEN',
    ]);
    expect(await surveyCount()).toBe(before);

    const created = await createSurvey();
    expect(created.questions.map((q) => q.kind)).toEqual([
      'SCALE_1_5',
      'SINGLE_CHOICE',
      'MULTIPLE_CHOICE',
      'OPEN_TEXT',
    ]);
    const { createSurvey: districtSurvey } = await graph.data<{
      createSurvey: { network: null; status: string };
    }>(CREATE_SURVEY, { input: district }, SECRETARIAT);
    expect(districtSurvey).toMatchObject({ network: null, status: 'OPEN' });
    expect(await surveyCount()).toBe(before + 2);
  });

  it('refuses bad questionnaires with a Spanish message naming the field, and writes nothing', async () => {
    const before = await surveyCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ questions: [] }, 'questions'],
      [{ questions: [{ prompt: '¿Cuál?', kind: 'SINGLE_CHOICE', options: ['Sí'] }] }, 'questions.0.options'],
      [
        { questions: [{ prompt: '¿Cuánto?', kind: 'SCALE_1_5', options: ['Mucho', 'Poco'] }] },
        'questions.0.options',
      ],
      [
        { questions: [{ prompt: '¿Cuál?', kind: 'SINGLE_CHOICE', options: ['Sí', 'sí'] }] },
        'questions.0.options',
      ],
      [{ questions: [{ prompt: '', kind: 'OPEN_TEXT' }] }, 'questions.0.prompt'],
      [{ closesAt: inDays(-2) }, 'closesAt'],
      [{ kind: 'USER_EXPERIENCE' }, 'questions'],
      [{ questions: [{ prompt: '¿Qué opina?', kind: 'OPEN_TEXT', overall: true }] }, 'questions.0.overall'],
      [{ networkCode: 'PACIFICO' }, 'networkCode'],
      [{ title: '  ' }, 'title'],
    ];
    for (const [overrides, field] of cases) {
      const result = await graph.request(CREATE_SURVEY, { input: surveyInput(overrides) }, CENTRO_STAFF);
      expect(errorCodes(result), field).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.message, field).toContain(`"${field}"`);
    }
    expect(await surveyCount()).toBe(before);
  });
});

describe('answering a survey: one answer per person', () => {
  it('takes one answer per single-use code; the code is refused after that', async () => {
    const survey = await createSurvey();
    expect(errorCodes(await graph.request(ISSUE, { id: survey.id, n: 3 }, NORTE_STAFF))).toEqual([
      'FORBIDDEN',
    ]);
    const none = await graph.request(ISSUE, { id: survey.id, n: 0 }, CENTRO_STAFF);
    expect(errorCodes(none)).toEqual(['BAD_USER_INPUT']);
    expect(none.errors![0]!.message).toContain('"quantity"');
    const { issueSurveyCodes } = await graph.data<{
      issueSurveyCodes: { quantity: number; codes: string[] };
    }>(ISSUE, { id: survey.id, n: 3 }, CENTRO_STAFF);
    expect(issueSurveyCodes.quantity).toBe(3);
    expect(new Set(issueSurveyCodes.codes).size).toBe(3);
    const [first, second] = issueSurveyCodes.codes;

    const input = { surveyId: survey.id, code: first!.toLowerCase(), answers: fullAnswers(survey.questions) };
    await graph.data(ANSWER, { input });
    const again = await graph.request(ANSWER, { input });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0]!.message).toContain('el código ya fue usado');
    const unknown = await graph.request(ANSWER, { input: { ...input, code: 'ZZZZ-ZZZZ-ZZZZ' } });
    expect(errorCodes(unknown)).toEqual(['BAD_USER_INPUT']);
    // A code of another survey does not open this one.
    const other = await createSurvey();
    const foreign = await graph.request(ANSWER, {
      input: { surveyId: other.id, code: second, answers: fullAnswers(other.questions) },
    });
    expect(errorCodes(foreign)).toEqual(['BAD_USER_INPUT']);
    expect(await responsesOf(survey.id)).toBe(1);
    expect(await responsesOf(other.id)).toBe(0);
  });

  it('takes one answer per signed-in account, and none from nobody', async () => {
    const survey = await createSurvey();
    const input = { surveyId: survey.id, answers: fullAnswers(survey.questions) };
    expect(errorCodes(await graph.request(ANSWER, { input }))).toEqual(['UNAUTHENTICATED']);
    await graph.data(ANSWER, { input }, CITIZEN);
    const second = await graph.request(ANSWER, { input }, CITIZEN);
    expect(errorCodes(second)).toEqual(['CONFLICT']);
    expect(second.errors![0]!.message).toBe(
      'Ya se registró una respuesta a esta encuesta para esta persona.',
    );
    await graph.data(ANSWER, { input }, { role: 'citizen', sub: 'citizen-2' });
    expect(await responsesOf(survey.id)).toBe(2);
  });

  it('keeps exactly one answer when the same person sends 50 at the same moment', async () => {
    const survey = await createSurvey();
    const input = { surveyId: survey.id, answers: fullAnswers(survey.questions) };
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        graph.request(ANSWER, { input }, { role: 'citizen', sub: 'citizen-rapido' }),
      ),
    );
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.flatMap(errorCodes).filter((c) => c === 'CONFLICT').length).toBe(49);
    expect(await responsesOf(survey.id)).toBe(1);
  });

  it('keeps exactly one answer when one code is used 50 times at once', async () => {
    const survey = await createSurvey();
    const { issueSurveyCodes } = await graph.data<{ issueSurveyCodes: { codes: string[] } }>(
      ISSUE,
      { id: survey.id, n: 1 },
      CENTRO_STAFF,
    );
    const input = {
      surveyId: survey.id,
      code: issueSurveyCodes.codes[0],
      answers: fullAnswers(survey.questions),
    };
    const results = await Promise.all(Array.from({ length: 50 }, () => graph.request(ANSWER, { input })));
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.flatMap(errorCodes).filter((c) => c === 'CONFLICT').length).toBe(49);
    expect(await responsesOf(survey.id)).toBe(1);
  });

  it('refuses bad answers naming the field, and writes nothing', async () => {
    const survey = await createSurvey();
    const [scale, single, multiple, open] = survey.questions;
    const answers = fullAnswers(survey.questions);
    const cases: [unknown[], string][] = [
      [[{ questionId: scale!.id, scale: 6 }, ...answers.slice(1)], 'answers.0.scale'],
      [[{ questionId: scale!.id, choices: [1] }, ...answers.slice(1)], 'answers.0.choices'],
      [[answers[0], { questionId: single!.id, choices: [0, 1] }, ...answers.slice(2)], 'answers.1.choices'],
      [[answers[0], answers[1], { questionId: multiple!.id, choices: [3] }, answers[3]], 'answers.2.choices'],
      [[...answers.slice(0, 3), { questionId: open!.id, text: '   ' }], 'answers.3.text'],
      [[answers[0], answers[0], ...answers.slice(1)], 'answers.1.questionId'],
      [
        [{ questionId: '0b8f5c1e-6d2a-4f0b-9a7e-3c4d5e6f7a8b', scale: 3 }, ...answers.slice(1)],
        'answers.0.questionId',
      ],
      [answers.slice(1), 'answers'],
    ];
    for (const [given, field] of cases) {
      const result = await graph.request(ANSWER, { input: { surveyId: survey.id, answers: given } }, CITIZEN);
      expect(errorCodes(result), field).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.message, field).toContain(`"${field}"`);
    }
    // The optional open question may be left out; the refused attempts did not spend the account.
    await graph.data(ANSWER, { input: { surveyId: survey.id, answers: answers.slice(0, 3) } }, CITIZEN);
    expect(await responsesOf(survey.id)).toBe(1);
  });

  it('takes answers only while open', async () => {
    const upcoming = await createSurvey({ opensAt: inDays(2), closesAt: inDays(5) });
    const result = await graph.request(
      ANSWER,
      { input: { surveyId: upcoming.id, answers: fullAnswers(upcoming.questions) } },
      CITIZEN,
    );
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect(result.errors![0]!.message).toBe('La encuesta todavía no está abierta.');
    const closed = await graph.request(
      ANSWER,
      {
        input: {
          surveyId: EXPERIENCE,
          answers: [{ questionId: '0b8f5c1e-6d2a-4f0b-9a7e-3c4d5e6f7a8b', scale: 5 }],
        },
      },
      CITIZEN,
    );
    expect(errorCodes(closed)).toEqual(['CONFLICT']);
  });

  it('answers identified surveys with an account only, and never shows who answered', async () => {
    const survey = await createSurvey({ anonymous: false });
    const input = { surveyId: survey.id, answers: fullAnswers(survey.questions, 2, 'Me atendieron tarde') };
    expect(errorCodes(await graph.request(ANSWER, { input }))).toEqual(['UNAUTHENTICATED']);
    expect(
      errorCodes(await graph.request(ANSWER, { input: { ...input, code: 'ABCD-EFGH-JKMN' } }, CITIZEN)),
    ).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await graph.request(ISSUE, { id: survey.id, n: 5 }, CENTRO_STAFF))).toEqual([
      'BAD_USER_INPUT',
    ]);
    await graph.data(ANSWER, { input }, CITIZEN);
    const [stored] = await graph.databases
      .feedback!.db.select({ respondent: surveyResponses.respondent })
      .from(surveyResponses)
      .where(eq(surveyResponses.surveyId, survey.id));
    expect(stored!.respondent).toBe(CITIZEN.sub);
    for (const caller of [CENTRO_STAFF, SECRETARIAT]) {
      const body = JSON.stringify(await graph.request(RESULTS, { id: survey.id }, caller));
      expect(body).not.toContain(CITIZEN.sub!);
    }
    const openText = JSON.stringify(await graph.request(OPEN_ANSWERS, { id: survey.id }, CENTRO_STAFF));
    expect(openText).toContain('Me atendieron tarde');
    expect(openText).not.toContain(CITIZEN.sub!);
  });

  it('shows results of an open survey to those in charge only, with percentages', async () => {
    const survey = await createSurvey();
    for (const [i, scale] of [5, 4, 2, 5].entries()) {
      await graph.data(
        ANSWER,
        { input: { surveyId: survey.id, answers: fullAnswers(survey.questions, scale) } },
        { role: 'citizen', sub: `vecina-${i}` },
      );
    }
    const publicView = await graph.data<ResultsData>(RESULTS, { id: survey.id }, CITIZEN);
    expect(publicView.survey).toEqual({ responseCount: 4, results: null });
    const { survey: staffView } = await graph.data<ResultsData>(RESULTS, { id: survey.id }, CENTRO_STAFF);
    const [scale, single, multiple, open] = staffView.results!.questions;
    expect(scale!.average).toBe(4);
    expect(scale!.options.map((o) => [o.label, o.count, o.percent])).toEqual([
      ['1', 0, 0],
      ['2', 1, 25],
      ['3', 0, 0],
      ['4', 1, 25],
      ['5', 2, 50],
    ]);
    expect(single!.options.map((o) => o.percent)).toEqual([0, 100, 0]);
    expect(multiple!.options.map((o) => o.count)).toEqual([4, 0, 4]);
    expect(open).toMatchObject({ answered: 4, average: null, options: [] });
    const secretariatView = await graph.data<ResultsData>(RESULTS, { id: survey.id }, SECRETARIAT);
    expect(secretariatView.survey.results?.responses).toBe(4);
  });
});

describe('consultations', () => {
  const CREATE = `mutation($input: CreateConsultationInput!) {
    createConsultation(input: $input) { id status options activity { id } results { votes } }
  }`;
  const VOTE =
    'mutation($input: VoteInConsultationInput!) { voteInConsultation(input: $input) { votedAt consultation { id } } }';
  const consultationInput = (overrides: Record<string, unknown> = {}) => ({
    networkCode: 'CENTRO',
    question: '¿Qué día prefiere para el foro de rendición de cuentas?',
    options: ['Sábado en la mañana', 'Miércoles en la tarde'],
    opensAt: inDays(-1),
    closesAt: inDays(7),
    activityId: demoActivityId('CENTRO-2023', 7),
    ...overrides,
  });

  it('publishes results only after closing, linked from the plan activity it informed', async () => {
    const { consultation } = await graph.data<{
      consultation: {
        status: string;
        activity: { title: string };
        results: { votes: number; options: { label: string; count: number; percent: number }[] };
      };
    }>(
      'query($id: ID!) { consultation(id: $id) { status activity { title } results { votes options { label count percent } } } }',
      {
        id: TOPICS,
      },
    );
    expect(consultation.status).toBe('CLOSED');
    expect(consultation.activity.title.length).toBeGreaterThan(0);
    expect(consultation.results.votes).toBe(100);
    expect(consultation.results.options.map((o) => [o.count, o.percent])).toEqual([
      [38, 38],
      [21, 21],
      [27, 27],
      [14, 14],
    ]);
    const { actionPlan } = await graph.data<{
      actionPlan: { activities: { id: string; consultations: { id: string }[] }[] };
    }>('query($id: ID!) { actionPlan(id: $id) { activities { id consultations { id } } } }', {
      id: (
        await graph.data<{ actionPlans: { id: string }[] }>(
          '{ actionPlans(networkCode: "CENTRO", year: 2023) { id } }',
        )
      ).actionPlans[0]!.id,
    });
    const line2 = actionPlan.activities.find((a) => a.id === demoActivityId('CENTRO-2023', 2))!;
    expect(line2.consultations.map((c) => c.id)).toEqual([TOPICS]);
  });

  it('lets staff open a consultation, takes one vote per person, and hides the count until it closes', async () => {
    expect(errorCodes(await graph.request(CREATE, { input: consultationInput() }, CITIZEN))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await graph.request(CREATE, { input: consultationInput() }, NORTE_STAFF))).toEqual([
      'FORBIDDEN',
    ]);
    const { createConsultation } = await graph.data<{
      createConsultation: { id: string; status: string; activity: { id: string } };
    }>(CREATE, { input: consultationInput() }, CENTRO_STAFF);
    expect(createConsultation).toMatchObject({
      status: 'OPEN',
      activity: { id: demoActivityId('CENTRO-2023', 7) },
    });
    const input = { consultationId: createConsultation.id, option: 1 };
    expect(errorCodes(await graph.request(VOTE, { input }))).toEqual(['UNAUTHENTICATED']);
    await graph.data(VOTE, { input }, CITIZEN);
    expect(errorCodes(await graph.request(VOTE, { input: { ...input, option: 0 } }, CITIZEN))).toEqual([
      'CONFLICT',
    ]);
    const badOption = await graph.request(
      VOTE,
      { input: { ...input, option: 2 } },
      { role: 'citizen', sub: 'otro' },
    );
    expect(errorCodes(badOption)).toEqual(['BAD_USER_INPUT']);
    expect(badOption.errors![0]!.message).toContain('"option"');

    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        graph.request(VOTE, { input }, { role: 'citizen', sub: 'votante-simultaneo' }),
      ),
    );
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.flatMap(errorCodes).filter((c) => c === 'CONFLICT').length).toBe(49);

    for (const caller of [undefined, CENTRO_STAFF, SECRETARIAT]) {
      const { consultation } = await graph.data<{ consultation: { results: unknown } }>(
        'query($id: ID!) { consultation(id: $id) { results { votes } } }',
        { id: createConsultation.id },
        caller,
      );
      expect(consultation.results).toBeNull();
    }
  });

  it('takes votes with single-use codes too', async () => {
    const { createConsultation } = await graph.data<{ createConsultation: { id: string } }>(
      CREATE,
      { input: consultationInput({ question: '¿Dónde hacemos el foro?' }) },
      CENTRO_STAFF,
    );
    const { issueConsultationCodes } = await graph.data<{ issueConsultationCodes: { codes: string[] } }>(
      'mutation($id: ID!) { issueConsultationCodes(consultationId: $id, quantity: 2) { codes } }',
      { id: createConsultation.id },
      CENTRO_STAFF,
    );
    const input = { consultationId: createConsultation.id, option: 0, code: issueConsultationCodes.codes[0] };
    await graph.data(VOTE, { input });
    expect(errorCodes(await graph.request(VOTE, { input }))).toEqual(['CONFLICT']);
  });

  it('refuses bad consultations in Spanish, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ options: ['Única'] }, 'options'],
      [{ options: ['Sí', 'SÍ'] }, 'options'],
      [{ closesAt: inDays(-3) }, 'closesAt'],
      [{ activityId: 'linea-7' }, 'activityId'],
      [{ question: '' }, 'question'],
    ];
    for (const [overrides, field] of cases) {
      const result = await graph.request(CREATE, { input: consultationInput(overrides) }, CENTRO_STAFF);
      expect(errorCodes(result), field).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.message, field).toContain(`"${field}"`);
    }
    const district = await graph.request(
      CREATE,
      { input: consultationInput({ networkCode: null }) },
      CENTRO_STAFF,
    );
    expect(errorCodes(district)).toEqual(['FORBIDDEN']);
  });

  it('lists surveys and consultations publicly by network and status', async () => {
    const { surveys: open } = await graph.data<{
      surveys: { totalCount: number; edges: { node: { status: string } }[] };
    }>('{ surveys(filter: { status: OPEN }, first: 100) { totalCount edges { node { status } } } }');
    expect(open.totalCount).toBeGreaterThan(0);
    expect(new Set(open.edges.map((e) => e.node.status))).toEqual(new Set(['OPEN']));
    const { surveys: district } = await graph.data<{ surveys: { edges: { node: { id: string } }[] } }>(
      '{ surveys(filter: { district: true }, first: 100) { edges { node { id } } } }',
    );
    expect(district.edges.map((e) => e.node.id)).toContain(CHANNELS);
    const { consultations } = await graph.data<{ consultations: { edges: { node: { status: string } }[] } }>(
      '{ consultations(filter: { networkCode: "CENTRO", status: CLOSED }) { edges { node { status } } } }',
    );
    expect(consultations.edges.length).toBeGreaterThan(0);
    const bad = await graph.request('{ surveys(filter: { networkCode: "PACIFICO" }) { totalCount } }');
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
  });

  it('seeds surveys and consultations once: a second start adds nothing', async () => {
    const db = graph.databases.feedback!.db as unknown as FeedbackDb;
    const before = await surveyCount();
    const [votesBefore] = await db.select({ n: count() }).from(surveyResponses);
    await feedbackService.seedDemo!(db as never);
    expect(await surveyCount()).toBe(before);
    const [votesAfter] = await db.select({ n: count() }).from(surveyResponses);
    expect(votesAfter!.n).toBe(votesBefore!.n);
  });
});
