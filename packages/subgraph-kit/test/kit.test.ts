import { describe, expect, it } from 'vitest';
import {
  createErrorFormatter,
  cursorPart,
  DateScalar,
  decodeCursor,
  encodeCursor,
  pageSize,
  parseInput,
  text,
  toConnection,
  translateFrameworkMessage,
  translateGraphQLMessage,
  z,
} from '../src/index.ts';

function codeOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
  return 'no error';
}

describe('parseInput', () => {
  const schema = z.object({ name: text(10), influence: z.number().int().min(1).max(5) });

  it('returns the parsed, trimmed input', () => {
    expect(parseInput(schema, { name: '  Ana ', influence: 3 })).toEqual({ name: 'Ana', influence: 3 });
  });

  it('names the field and speaks Spanish', () => {
    try {
      parseInput(schema, { name: 'Ana', influence: 9 });
      expect.unreachable();
    } catch (error) {
      const e = error as { message: string; extensions: Record<string, unknown> };
      expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'influence' });
      expect(e.message).toMatch(/^Campo "influence": /);
      expect(e.message).toMatch(/Demasiado grande|mayor|menor/i);
    }
  });
});

describe('pagination', () => {
  it('bounds the page size', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(100)).toBe(100);
    expect(codeOf(() => pageSize(0))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => pageSize(101))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => pageSize(1.5))).toBe('BAD_USER_INPUT');
  });

  it('round-trips cursors and refuses forged ones', () => {
    const parts = [cursorPart.text, cursorPart.id, cursorPart.position] as const;
    const id = '6d3e325c-d451-5e7b-9721-98b25612c4e9';
    expect(decodeCursor(encodeCursor(['asociacion', id, 3]), parts)).toEqual(['asociacion', id, 3]);
    expect(decodeCursor(null, parts)).toBeNull();
    expect(codeOf(() => decodeCursor('%%%', parts))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeCursor(Buffer.from('{"a":1}').toString('base64url'), parts))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('checks what a cursor holds: instants, ids and positions', () => {
    const instant = '2026-03-01T13:00:00.000Z';
    const id = '6d3e325c-d451-5e7b-9721-98b25612c4e9';
    const keyed = [cursorPart.instant, cursorPart.id] as const;
    expect(decodeCursor(encodeCursor([instant, id]), keyed)).toEqual([new Date(instant), id]);
    for (const forged of [
      ['2026-02-31T13:00:00.000Z', id],
      ['mañana', id],
      [instant, 'not-a-uuid'],
      [instant, id, 'extra'],
      [instant],
    ]) {
      expect(
        codeOf(() => decodeCursor(encodeCursor(forged), keyed)),
        JSON.stringify(forged),
      ).toBe('BAD_USER_INPUT');
    }
    for (const position of [-1, 1.5, 2 ** 60]) {
      expect(codeOf(() => decodeCursor(encodeCursor([position]), [cursorPart.position]))).toBe(
        'BAD_USER_INPUT',
      );
    }
  });

  it('builds a connection from one extra row', async () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const page = toConnection(
      rows,
      2,
      (r) => [r.id],
      async () => 3,
    );
    expect(page.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor(['b']) });
    expect(await page.totalCount()).toBe(3);
    expect(
      toConnection(
        rows.slice(0, 2),
        2,
        (r) => [r.id],
        async () => 2,
      ).pageInfo.hasNextPage,
    ).toBe(false);
  });
});

describe('Date scalar', () => {
  it('accepts real calendar days only', () => {
    expect(DateScalar.parseValue('2024-02-29')).toBe('2024-02-29');
    expect(codeOf(() => DateScalar.parseValue('2025-02-29'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => DateScalar.parseValue('2025-13-01'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => DateScalar.parseValue('01/02/2025'))).toBe('BAD_USER_INPUT');
  });
});

describe('error formatter', () => {
  const internal = {
    message: 'relation "territory.x" does not exist',
    extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at ...'] },
  };
  const forbidden = {
    message: 'No tiene permiso',
    extensions: { code: 'FORBIDDEN', stacktrace: ['at ...'] },
  };

  it('hides internal details in production but keeps contract errors', () => {
    const format = createErrorFormatter(true);
    expect(format(internal)).toEqual({
      message: 'Ocurrió un error interno. Intente de nuevo más tarde.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(format(forbidden)).toEqual({ message: 'No tiene permiso', extensions: { code: 'FORBIDDEN' } });
  });

  it('shows everything in development', () => {
    expect(createErrorFormatter(false)(internal)).toEqual(internal);
  });
});

describe('GraphQL input errors in Spanish', () => {
  it.each([
    [
      'Variable "$input" got invalid value "QUEJITA" at "input.type"; Value "QUEJITA" does not exist in "PqrsType" enum. Did you mean the enum value "QUEJA"?',
      'Campo "type": el valor "QUEJITA" no es una opción válida de "PqrsType". ¿Quiso decir el valor "QUEJA"?',
    ],
    [
      'Variable "$input" got invalid value { name: "x" } at "input"; Field "kind" of required type "OrganizationKind!" was not provided.',
      'Campo "input": falta el campo obligatorio "kind".',
    ],
    [
      'Variable "$input" got invalid value 9.5 at "input.influence"; Int cannot represent non-integer value: 9.5',
      'Campo "influence": debe ser un número entero (se recibió 9.5).',
    ],
    ['Variable "$id" of required type "ID!" was not provided.', 'Falta la variable obligatoria "id".'],
    [
      'Enum "PqrsType" cannot represent non-enum value: "QUEJITA". Did you mean the enum value "QUEJA"?',
      'el valor "QUEJITA" no es una opción válida de "PqrsType". ¿Quiso decir el valor "QUEJA"?',
    ],
  ])('%s', (english, spanish) => {
    expect(translateGraphQLMessage(english)).toBe(spanish);
  });

  it.each([
    ['Syntax Error: Unexpected Name "x".', 'Error de sintaxis: no se esperaba el nombre "x".'],
    [
      'Syntax Error: Expected Name, found <EOF>.',
      'Error de sintaxis: se esperaba un nombre y se encontró el final de la operación.',
    ],
    [
      'Cannot query field "cod" on type "Network". Did you mean "code", "id", or "name"?',
      'El campo "cod" no existe en el tipo "Network". ¿Quiso decir "code", "id" o "name"?',
    ],
  ])('%s', (english, spanish) => {
    expect(translateGraphQLMessage(english)).toBe(spanish);
  });

  it('leaves messages of our own (Spanish) alone', () => {
    expect(translateGraphQLMessage('El plan ya fue aprobado.')).toBe('El plan ya fue aprobado.');
  });

  it('says an unknown graphql-js message in general Spanish for its code, never in English', () => {
    expect(translateFrameworkMessage('Some future rule "x" failed.', 'GRAPHQL_VALIDATION_FAILED')).toBe(
      'La operación no es válida para el esquema de la API.',
    );
    expect(translateFrameworkMessage('El plan ya fue aprobado.', 'GRAPHQL_VALIDATION_FAILED')).toBe(
      'El plan ya fue aprobado.',
    );
  });
});

describe('integrity errors', () => {
  it('turns a unique violation that raced past the checks into a CONFLICT in Spanish', () => {
    const pgError = Object.assign(new Error('duplicate key value violates unique constraint "x"'), {
      code: '23505',
    });
    const wrapped = { originalError: { message: 'Failed query', cause: pgError } };
    const formatted = createErrorFormatter(true)(
      { message: 'Failed query', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      wrapped,
    );
    expect(formatted).toEqual({
      message: 'El registro ya existe: otra solicitud lo creó al mismo tiempo.',
      extensions: { code: 'CONFLICT' },
    });
  });

  it('turns a database that cannot be reached into SERVICE_UNAVAILABLE in Spanish, with no driver detail', () => {
    for (const code of ['CONNECT_TIMEOUT', 'ECONNREFUSED', 'CONNECTION_CLOSED', '57P01', '57P03', '08006']) {
      const cause = Object.assign(new Error(`write ${code} 127.0.0.1:5432`), { code });
      for (const production of [true, false]) {
        const formatted = createErrorFormatter(production)(
          {
            message: 'Failed query: select 1',
            path: ['networks'],
            extensions: { code: 'INTERNAL_SERVER_ERROR' },
          },
          { originalError: { message: 'Failed query: select 1', cause } },
        );
        expect(formatted, code).toEqual({
          message:
            'Esta parte de la plataforma no está disponible en este momento. Intente de nuevo en unos minutos.',
          path: ['networks'],
          extensions: { code: 'SERVICE_UNAVAILABLE' },
        });
      }
    }
  });

  it('leaves other database errors internal', () => {
    const other = { originalError: Object.assign(new Error('deadlock'), { code: '40P01' }) };
    expect(
      createErrorFormatter(true)(
        { message: 'deadlock', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        other,
      ).extensions,
    ).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
    });
  });
});
