import { z } from 'zod';
import { badUserInput } from './errors.ts';

// Validation messages are read by citizens and staff: Spanish, everywhere.
z.config(z.locales.es());

/** Parses resolver input; the first problem becomes a BAD_USER_INPUT naming its field. */
export function parseInput<TSchema extends z.ZodType>(schema: TSchema, input: unknown): z.output<TSchema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'input';
  throw badUserInput(field, `Campo "${field}": ${issue.message}`);
}

/** Trimmed non-empty text with a maximum length. */
export const text = (max = 500) => z.string().trim().min(1, 'no puede estar vacío').max(max);
export const optionalText = (max = 2000) => z.string().trim().max(max).nullish();
export const uuid = () => z.uuid('debe ser un identificador válido');

export { z };
