import { demoActivityId, demoRecordId, networkByCode } from '@participa/reference';
import type { FeedbackDb } from '../db/index.ts';
import {
  consultations,
  consultationVotes,
  surveyAnswers,
  surveyQuestions,
  surveyResponses,
  surveys,
} from '../db/schema.ts';

const DAY_MS = 86_400_000;
const bogota = (isoLocal: string) => new Date(`${isoLocal}-05:00`);

const IMPROVEMENTS = [
  'Oportunidad en la asignación de citas',
  'Trato del personal',
  'Información sobre trámites y servicios',
  'Entrega de medicamentos',
  'Comodidad de las instalaciones',
];
const SERVICES_USED = ['Consulta de medicina general', 'Vacunación', 'Odontología', 'Urgencias', 'Otro'];
const COMMENTS = [
  'La atención fue amable, pero la cita tardó tres semanas.',
  'Me explicaron bien el tratamiento.',
  'Faltan sillas en la sala de espera del Centro de Salud Obrero.',
  'Pedimos más jornadas de vacunación en el barrio.',
];

/**
 * 2025 user-experience survey of Red de Salud Centro (line 3 of its 2023 plan: feedback from the
 * community): 105 answers to the overall question, 82 of them 4 or 5, i.e. 78.10 %, the baseline
 * of the Bogotá model's user-experience goal (78.10 % → 80.20 %).
 */
const EXPERIENCE = { responses: 105, positive: 82 };

/** The overall rating of the n-th demo answer: 82 of 105 are 4 or 5, deterministically. */
function overallScore(n: number): number {
  if (n < EXPERIENCE.positive) return n % 3 === 0 ? 4 : 5;
  return [3, 2, 3, 1][n % 4]!;
}

async function seedExperienceSurvey(tx: FeedbackDb, author: string) {
  const id = demoRecordId('survey', 'experiencia-centro-2025');
  const [survey] = await tx
    .insert(surveys)
    .values({
      id,
      networkId: networkByCode('CENTRO')!.id,
      kind: 'USER_EXPERIENCE',
      title: 'Encuesta de experiencia del usuario 2025',
      description: 'Evaluación de la atención en las sedes de la Red de Salud Centro (comunas 8 a 12).',
      anonymous: true,
      opensAt: bogota('2025-02-01T00:00:00'),
      closesAt: bogota('2025-12-01T00:00:00'),
      createdBy: author,
    })
    .onConflictDoNothing()
    .returning();
  if (!survey) return;
  const questions = await tx
    .insert(surveyQuestions)
    .values([
      {
        surveyId: id,
        position: 0,
        kind: 'SCALE_1_5',
        prompt: '¿Cómo califica su experiencia general en la atención?',
        required: true,
        overall: true,
      },
      {
        surveyId: id,
        position: 1,
        kind: 'SINGLE_CHOICE',
        prompt: '¿Qué servicio utilizó?',
        options: SERVICES_USED,
        required: true,
      },
      {
        surveyId: id,
        position: 2,
        kind: 'MULTIPLE_CHOICE',
        prompt: '¿Qué aspectos deberían mejorar?',
        options: IMPROVEMENTS,
        required: false,
      },
      { surveyId: id, position: 3, kind: 'OPEN_TEXT', prompt: 'Comentarios y sugerencias', required: false },
    ])
    .returning();
  const [overall, service, improve, comments] = questions.sort((a, b) => a.position - b.position);
  const responses = await tx
    .insert(surveyResponses)
    .values(
      Array.from({ length: EXPERIENCE.responses }, (_, n) => ({
        surveyId: id,
        submittedAt: new Date(bogota('2025-02-03T09:00:00').getTime() + n * 2.6 * DAY_MS),
      })),
    )
    .returning({ id: surveyResponses.id, submittedAt: surveyResponses.submittedAt });
  responses.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
  await tx
    .insert(surveyAnswers)
    .values(
      responses.flatMap(({ id: responseId }, n) => [
        { responseId, questionId: overall!.id, scale: overallScore(n) },
        { responseId, questionId: service!.id, choices: [n % SERVICES_USED.length] },
        ...(n % 2 === 0
          ? [{ responseId, questionId: improve!.id, choices: [n % 5, (n + 3) % 5].sort() }]
          : []),
        ...(n % 9 === 0
          ? [{ responseId, questionId: comments!.id, text: COMMENTS[(n / 9) % COMMENTS.length]! }]
          : []),
      ]),
    );
}

/** The secretariat's open district survey on the channels people use (objective 6 of the plan). */
async function seedChannelsSurvey(tx: FeedbackDb, author: string, now: Date) {
  const id = demoRecordId('survey', 'canales-distrito');
  const [survey] = await tx
    .insert(surveys)
    .values({
      id,
      networkId: null,
      kind: 'GENERAL',
      title: '¿Por dónde le gusta enterarse de los temas de salud?',
      description:
        'Encuesta distrital para orientar las campañas de sensibilización sobre participación social en salud.',
      anonymous: true,
      opensAt: new Date(now.getTime() - 7 * DAY_MS),
      closesAt: new Date(now.getTime() + 30 * DAY_MS),
      createdBy: author,
    })
    .onConflictDoNothing()
    .returning();
  if (!survey) return;
  await tx.insert(surveyQuestions).values([
    {
      surveyId: id,
      position: 0,
      kind: 'MULTIPLE_CHOICE',
      prompt: '¿Por qué medios se informa sobre su salud y su comunidad?',
      options: [
        'Radio comunitaria',
        'Redes sociales',
        'WhatsApp',
        'Carteleras de los centros de salud',
        'Reuniones de la JAC',
      ],
      required: true,
    },
    {
      surveyId: id,
      position: 1,
      kind: 'SCALE_1_5',
      prompt: '¿Qué tan informado se siente sobre los espacios de participación en salud?',
      required: true,
    },
    {
      surveyId: id,
      position: 2,
      kind: 'OPEN_TEXT',
      prompt: '¿Qué tema le gustaría que tratáramos?',
      required: false,
    },
  ]);
}

/**
 * Consultations of participatory planning (the municipal plan's forums and consultations): one
 * closed in 2023 that chose the topic of line 2's workshops, one open on the next community day.
 */
async function seedConsultations(tx: FeedbackDb, author: string, now: Date) {
  const workshopsTopic = demoRecordId('consultation', 'temas-talleres-2023');
  const [closed] = await tx
    .insert(consultations)
    .values({
      id: workshopsTopic,
      networkId: networkByCode('CENTRO')!.id,
      question: '¿Qué tema deben tratar los talleres educativos del segundo semestre?',
      description: 'Consulta a la comunidad de las comunas 8 a 12 para el plan de trabajo 2023 (línea 2).',
      options: [
        'Derechos y deberes en salud',
        'Prevención de enfermedades crónicas',
        'Salud mental',
        'Uso de herramientas digitales (TIC)',
      ],
      opensAt: bogota('2023-05-02T00:00:00'),
      closesAt: bogota('2023-05-31T00:00:00'),
      activityId: demoActivityId('CENTRO-2023', 2),
      createdBy: author,
    })
    .onConflictDoNothing()
    .returning();
  if (closed) {
    const votes = [38, 21, 27, 14];
    await tx
      .insert(consultationVotes)
      .values(
        votes.flatMap((n, option) =>
          Array.from({ length: n }, () => ({ consultationId: workshopsTopic, option })),
        ),
      );
  }
  await tx
    .insert(consultations)
    .values({
      id: demoRecordId('consultation', 'jornada-comunitaria'),
      networkId: networkByCode('CENTRO')!.id,
      question: '¿En qué comuna debe hacerse la próxima jornada comunitaria de salud?',
      description: 'Línea 8 del plan: jornadas con los equipos de promoción y mantenimiento de la salud.',
      options: ['Comuna 8', 'Comuna 9', 'Comuna 10', 'Comuna 11', 'Comuna 12'],
      opensAt: new Date(now.getTime() - 3 * DAY_MS),
      closesAt: new Date(now.getTime() + 14 * DAY_MS),
      activityId: demoActivityId('CENTRO-2023', 8),
      createdBy: author,
    })
    .onConflictDoNothing();
}

/** Idempotent by stable ids: each record and what hangs from it are added once. */
export async function seedParticipation(db: FeedbackDb, author: string): Promise<void> {
  const now = new Date();
  await db.transaction(async (tx) => {
    await seedExperienceSurvey(tx, author);
    await seedChannelsSurvey(tx, author, now);
    await seedConsultations(tx, author, now);
  });
}
