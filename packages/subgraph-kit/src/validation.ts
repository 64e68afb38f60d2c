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
/**
 * A network code as the graph publishes it (`CENTRO`): case matters everywhere, like an enum value,
 * so `centro` is refused rather than guessed. Whether the network exists is checked against the
 * reference data (`requireNetwork`).
 */
export const networkCode = () =>
  z
    .string()
    .trim()
    .regex(/^[A-Z]+$/, 'debe ser un código de red en mayúsculas, como CENTRO o NORTE');
export const email = () => z.email('debe ser un correo electrónico válido').max(200);
export const phone = () =>
  z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{7,20}$/, 'debe ser un número de teléfono válido');
export const calendarDate = () => z.iso.date('debe ser una fecha AAAA-MM-DD');

export { z };
