import { METRIC_CATALOG, metricInfo } from '@participa/metrics';
import { badUserInput, networkCode, optionalText, parseInput, text, z } from '@participa/subgraph-kit';
import { direction, periodicity } from './db/schema.ts';
import { FormulaError, metricsIn, parseFormula } from './formula.ts';

/** A formula that parses and names only metrics of the catalog; the error names the field. */
export function checkFormula(formula: string, field: 'numerator' | 'denominator'): string {
  let names: string[];
  try {
    names = metricsIn(parseFormula(formula));
  } catch (error) {
    if (error instanceof FormulaError) throw badUserInput(field, `Campo "${field}": ${error.message}.`);
    throw error;
  }
  const unknown = names.filter((name) => !metricInfo(name));
  if (unknown.length)
    throw badUserInput(
      field,
      `Campo "${field}": la métrica "${unknown[0]}" no existe. Métricas disponibles: ${METRIC_CATALOG.map((m) => m.name).join(', ')}.`,
    );
  return formula.trim();
}

const defineIndicatorSchema = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z][A-Z0-9_]{1,49}$/, 'debe ser un código en mayúsculas como PQRS_OPORTUNIDAD'),
  name: text(200),
  description: optionalText(2000),
  numerator: text(500),
  denominator: z.string().trim().max(500).nullish(),
  factor: z.number().finite().positive('debe ser mayor que cero').nullish(),
  unit: text(40),
  direction: z.enum(direction.enumValues),
  periodicity: z.enum(periodicity.enumValues).nullish(),
  atRiskMargin: z.number().finite().min(0, 'no puede ser negativo').nullish(),
});

export function parseDefineIndicator(input: unknown) {
  const parsed = parseInput(defineIndicatorSchema, input);
  return {
    ...parsed,
    numerator: checkFormula(parsed.numerator, 'numerator'),
    denominator: parsed.denominator ? checkFormula(parsed.denominator, 'denominator') : null,
    description: parsed.description ?? null,
    factor: parsed.factor ?? 1,
    periodicity: parsed.periodicity ?? 'MONTHLY',
    atRiskMargin: parsed.atRiskMargin ?? 0,
  };
}

const year = () =>
  z.number().int('debe ser un año').min(2000, 'debe ser un año válido').max(2100, 'debe ser un año válido');

export const setTargetSchema = z.object({
  indicatorCode: text(50),
  networkCode: networkCode().nullish(),
  year: year(),
  baseline: z.number().finite().nullish(),
  baselineYear: year().nullish(),
  target: z.number().finite(),
});

export const computeSchema = z.object({
  period: text(10),
  indicatorCodes: z.array(text(50)).max(100).nullish(),
});
