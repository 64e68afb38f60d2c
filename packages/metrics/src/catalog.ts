/**
 * Every metric of the graph: its name (what indicator formulas use), what it counts, its unit, the
 * subgraph that computes it and the breakdowns it has. Adding a metric is one entry here and one
 * column in the owner's `metrics.ts`; a test checks that each owner computes exactly its entries.
 */
export const SUBGRAPHS_WITH_METRICS = ['feedback', 'planning', 'education', 'territory'] as const;
export type MetricSubgraph = (typeof SUBGRAPHS_WITH_METRICS)[number];

/** Breakdowns of the differential approach (enfoque diferencial), plus the PQRS type. */
export const DIMENSIONS = ['LIFE_STAGE', 'SEX', 'ETHNICITY', 'DISABILITY', 'PQRS_TYPE'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface MetricInfo {
  name: string;
  description: string;
  unit: 'count' | 'COP' | 'people';
  subgraph: MetricSubgraph;
  dimensions: readonly Dimension[];
}

const PEOPLE: readonly Dimension[] = ['LIFE_STAGE', 'SEX', 'ETHNICITY', 'DISABILITY'];
// The petitioner's characterization is sealed (encrypted at rest), so PQRS break down by type only.
const PQRS: readonly Dimension[] = ['PQRS_TYPE'];

export const METRIC_CATALOG: readonly MetricInfo[] = [
  {
    name: 'pqrs.received',
    subgraph: 'feedback',
    unit: 'count',
    dimensions: PQRS,
    description: 'PQRS radicadas en el periodo.',
  },
  {
    name: 'pqrs.answered',
    subgraph: 'feedback',
    unit: 'count',
    dimensions: PQRS,
    description: 'PQRS respondidas en el periodo (primera respuesta).',
  },
  {
    name: 'pqrs.answered_on_time',
    subgraph: 'feedback',
    unit: 'count',
    dimensions: PQRS,
    description: 'PQRS respondidas en el periodo dentro del término legal vigente.',
  },
  {
    name: 'pqrs.overdue',
    subgraph: 'feedback',
    unit: 'count',
    dimensions: PQRS,
    description:
      'PQRS abiertas y con el término vencido al cierre del periodo (o ahora, si el periodo no ha terminado).',
  },
  {
    name: 'satisfaction.responses',
    subgraph: 'feedback',
    unit: 'count',
    dimensions: PQRS,
    description: 'Calificaciones de respuestas a PQRS recibidas en el periodo.',
  },
  {
    name: 'satisfaction.positive',
    subgraph: 'feedback',
    unit: 'count',
    dimensions: PQRS,
    description: 'Calificaciones de 4 o 5 recibidas en el periodo.',
  },
  {
    name: 'plan.activities.total',
    subgraph: 'planning',
    unit: 'count',
    dimensions: [],
    description: 'Actividades de planes de acción (no canceladas) cuya fecha de fin cae en el periodo.',
  },
  {
    name: 'plan.activities.completed',
    subgraph: 'planning',
    unit: 'count',
    dimensions: [],
    description: 'De esas actividades, las realizadas (estado DONE).',
  },
  {
    name: 'plan.budget.planned',
    subgraph: 'planning',
    unit: 'COP',
    dimensions: [],
    description: 'Presupuesto planeado de las actividades que terminan en el periodo, en pesos.',
  },
  {
    name: 'plan.budget.executed',
    subgraph: 'planning',
    unit: 'COP',
    dimensions: [],
    description: 'Presupuesto ejecutado de esas actividades hasta el cierre del periodo, en pesos.',
  },
  {
    name: 'commitments.due',
    subgraph: 'planning',
    unit: 'count',
    dimensions: [],
    description: 'Compromisos de actas (no cancelados) que vencen en el periodo.',
  },
  {
    name: 'commitments.fulfilled',
    subgraph: 'planning',
    unit: 'count',
    dimensions: [],
    description: 'De esos compromisos, los cumplidos.',
  },
  {
    name: 'workshops.held',
    subgraph: 'education',
    unit: 'count',
    dimensions: [],
    description: 'Talleres y jornadas realizados (estado HELD) que empezaron en el periodo.',
  },
  {
    name: 'workshops.attendances',
    subgraph: 'education',
    unit: 'count',
    dimensions: PEOPLE,
    description: 'Asistencias registradas en el periodo (una persona en dos talleres cuenta dos).',
  },
  {
    name: 'workshops.participants',
    subgraph: 'education',
    unit: 'people',
    dimensions: PEOPLE,
    description: 'Personas distintas que asistieron en el periodo, contadas en cada ámbito (no es una suma).',
  },
  {
    name: 'organizations.active',
    subgraph: 'territory',
    unit: 'count',
    dimensions: [],
    description: 'Actores sociales registrados al cierre del periodo.',
  },
];

const byName = new Map(METRIC_CATALOG.map((metric) => [metric.name, metric]));

export function metricInfo(name: string): MetricInfo | undefined {
  return byName.get(name);
}

export function metricsOf(subgraph: MetricSubgraph): MetricInfo[] {
  return METRIC_CATALOG.filter((metric) => metric.subgraph === subgraph);
}
