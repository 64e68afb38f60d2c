import type { IndicatorsDb } from '../db/index.ts';
import { indicators } from '../db/schema.ts';

type Definition = typeof indicators.$inferInsert;

/** The indicators every deployment starts with: the contract's five and two of our own. */
export const SEEDED_INDICATORS: Definition[] = [
  {
    code: 'PQRS_OPORTUNIDAD',
    name: 'Oportunidad en la respuesta de PQRS',
    description:
      'Porcentaje de las PQRS respondidas en el periodo que se respondieron dentro del término legal.',
    numerator: 'pqrs.answered_on_time',
    denominator: 'pqrs.answered',
    factor: 100,
    unit: '%',
    direction: 'HIGHER_IS_BETTER',
    periodicity: 'MONTHLY',
    atRiskMargin: 5,
  },
  {
    code: 'PQRS_OPORTUNIDAD_ESTRICTA',
    name: 'Oportunidad estricta en la respuesta de PQRS',
    description:
      'Como PQRS_OPORTUNIDAD, pero las PQRS abiertas con el término vencido al cierre del periodo cuentan como respondidas tarde.',
    numerator: 'pqrs.answered_on_time',
    denominator: 'pqrs.answered + pqrs.overdue',
    factor: 100,
    unit: '%',
    direction: 'HIGHER_IS_BETTER',
    periodicity: 'MONTHLY',
    atRiskMargin: 5,
  },
  {
    code: 'PLAN_EJECUCION',
    name: 'Ejecución del plan de acción',
    description: 'Porcentaje de las actividades del plan que terminan en el periodo que se realizaron.',
    numerator: 'plan.activities.completed',
    denominator: 'plan.activities.total',
    factor: 100,
    unit: '%',
    direction: 'HIGHER_IS_BETTER',
    periodicity: 'QUARTERLY',
    atRiskMargin: 10,
  },
  {
    code: 'PRESUPUESTO_EJECUCION',
    name: 'Ejecución presupuestal del plan',
    description: 'Porcentaje del presupuesto planeado de las actividades del periodo que se ejecutó.',
    numerator: 'plan.budget.executed',
    denominator: 'plan.budget.planned',
    factor: 100,
    unit: '%',
    direction: 'HIGHER_IS_BETTER',
    periodicity: 'QUARTERLY',
    atRiskMargin: 10,
  },
  {
    code: 'TALLERES_REALIZADOS',
    name: 'Talleres y jornadas realizados',
    description: 'Talleres, charlas, capacitaciones y jornadas comunitarias realizados en el periodo.',
    numerator: 'workshops.held',
    denominator: null,
    factor: 1,
    unit: 'talleres',
    direction: 'HIGHER_IS_BETTER',
    periodicity: 'MONTHLY',
    atRiskMargin: 1,
  },
  {
    code: 'PARTICIPANTES_FORMADOS',
    name: 'Participantes formados',
    description: 'Asistencias a talleres y jornadas en el periodo.',
    numerator: 'workshops.attendances',
    denominator: null,
    factor: 1,
    unit: 'asistencias',
    direction: 'HIGHER_IS_BETTER',
    periodicity: 'MONTHLY',
    atRiskMargin: 10,
  },
  {
    code: 'EXPERIENCIA_USUARIO',
    name: 'Experiencia del usuario',
    description:
      'Porcentaje de calificaciones positivas (4 o 5) de las respuestas a PQRS, como la meta de experiencia del usuario del modelo MAS Bienestar de Bogotá.',
    numerator: 'satisfaction.positive',
    denominator: 'satisfaction.responses',
    factor: 100,
    unit: '%',
    direction: 'HIGHER_IS_BETTER',
    periodicity: 'QUARTERLY',
    atRiskMargin: 2,
  },
];

/** Idempotent: a definition the secretariat has since changed is left as it is. */
export async function seedReference(db: IndicatorsDb): Promise<void> {
  await db.insert(indicators).values(SEEDED_INDICATORS).onConflictDoNothing({ target: indicators.code });
}
