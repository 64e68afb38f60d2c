import {
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  isUnionType,
  lexicographicSortSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { composeApiSchema } from '../src/api-schema.ts';

/** A described element: its coordinate (`Type`, `Type.field`, `Type.field(arg:)`), name and description. */
interface Element {
  coordinate: string;
  name: string;
  description: string | null | undefined;
}

/** Every element of the schema a client sees: named types (but introspection and built-in scalars), fields, arguments, input fields, enum values. */
function elementsOf(schema: GraphQLSchema): Element[] {
  const elements: Element[] = [];
  for (const type of Object.values(lexicographicSortSchema(schema).getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    elements.push({ coordinate: type.name, name: type.name, description: type.description });
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        elements.push({ coordinate, name: field.name, description: field.description });
        for (const arg of field.args)
          elements.push({
            coordinate: `${coordinate}(${arg.name}:)`,
            name: arg.name,
            description: arg.description,
          });
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()))
        elements.push({
          coordinate: `${type.name}.${field.name}`,
          name: field.name,
          description: field.description,
        });
    } else if (isEnumType(type)) {
      for (const value of type.getValues())
        elements.push({
          coordinate: `${type.name}.${value.name}`,
          name: value.name,
          description: value.description,
        });
    } else if (isUnionType(type)) {
      // A union has no members of its own to describe: its types are described where defined.
    }
  }
  return elements;
}

const MIN_LENGTH = 8;
/** Letters and digits only, lower case, without a leading article: `endCursor`, `END_CURSOR` and "The end cursor." are the same words. */
const normalized = (text: string) =>
  text
    .trim()
    .replace(/^(the|an?)\s+/i, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

/** Why an element's description does not do (null when it does). */
function descriptionProblem(element: Element): string | null {
  const description = element.description?.trim() ?? '';
  if (description === '') return 'no description';
  if (description.length < MIN_LENGTH) return `description shorter than ${MIN_LENGTH} characters`;
  if (normalized(description) === normalized(element.name)) return 'description repeats the name';
  return null;
}

const problemsOf = (schema: GraphQLSchema) =>
  elementsOf(schema)
    .map((element) => ({ element, problem: descriptionProblem(element) }))
    .filter((entry) => entry.problem !== null)
    .map(({ element, problem }) => `${element.coordinate}: ${problem}`);

describe('descriptions of the API schema (CONTRIBUTING.md: every element has a description)', () => {
  const schema = composeApiSchema();

  it('describes every type, field, argument, input field and enum value', () => {
    expect(problemsOf(schema)).toEqual([]);
  });

  it('rejects a missing, a too short and a name-repeating description', () => {
    expect(descriptionProblem({ coordinate: 'T.f', name: 'f', description: undefined })).toBe(
      'no description',
    );
    expect(descriptionProblem({ coordinate: 'T.f', name: 'f', description: '  ' })).toBe('no description');
    expect(descriptionProblem({ coordinate: 'T.f', name: 'f', description: 'The f.' })).toMatch(/shorter/);
    expect(
      descriptionProblem({ coordinate: 'PageInfo.endCursor', name: 'endCursor', description: 'End cursor.' }),
    ).toBe('description repeats the name');
    expect(
      descriptionProblem({
        coordinate: 'PageInfo.endCursor',
        name: 'endCursor',
        description: 'Cursor of the last edge of the page; null when the page is empty.',
      }),
    ).toBeNull();
  });
});
