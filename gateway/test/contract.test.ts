import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DefinitionNode, Kind, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { composeApiSchema } from '../src/api-schema.ts';
import { SERVICES } from '../src/catalog.ts';

/**
 * The operations front ends rely on (docs/graph-contract.md, the project's own copy of the
 * contract) must exist through the gateway with exactly the names, arguments and types written there. Every ```graphql block of the contract
 * is compared with the API schema of the composed supergraph.
 */
const CONTRACT = fileURLToPath(new URL('../../docs/graph-contract.md', import.meta.url));

/** Contract sections and the subgraph (or subgraphs) that deliver each. */
const SECTION_OWNERS: Record<string, string | string[]> = {
  'Territory and actors': 'territory',
  Planning: 'planning',
  Education: 'education',
  'Feedback (PQRS)': 'feedback',
  Indicators: 'indicators',
  Notifications: 'notifications',
  'Participation channels': ['territory', 'feedback', 'education'],
};

function contractSections(): { title: string; owners: string[]; definitions: DefinitionNode[] }[] {
  const text = readFileSync(CONTRACT, 'utf8');
  return text
    .split(/^## /m)
    .slice(1)
    .map((section) => {
      const title = section.slice(0, section.indexOf('\n')).trim();
      const blocks = [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
      return {
        title,
        owners: [SECTION_OWNERS[title] ?? title].flat(),
        definitions: blocks.flatMap((b) => parse(b).definitions),
      };
    })
    .filter((section) => section.definitions.length > 0);
}

interface Field {
  type: unknown;
  args?: { name: string; type: unknown }[];
}
/** Seen structurally: only what the checks below read. */
interface NamedType {
  getFields?: () => Record<string, Field>;
  getValues?: () => { name: string }[];
}

const apiSchema = (): { getType(name: string): NamedType | null | undefined } => composeApiSchema() as never;

describe('contract', () => {
  it('is readable next to the repository', () => {
    expect(existsSync(CONTRACT)).toBe(true);
  });

  const schema = apiSchema();
  const built = new Set(SERVICES.map((definition) => definition.name));
  for (const section of contractSections()) {
    // A section whose subgraph is not built yet is listed as pending, not skipped silently.
    const pending = section.owners.filter((owner) => !built.has(owner));
    if (pending.length > 0) {
      it.todo(`${section.title}: subgraph "${pending.join('", "')}" not built yet`);
      continue;
    }
    describe(section.title, () => {
      for (const definition of section.definitions) {
        if (!('name' in definition) || !definition.name) continue;
        const name = definition.name.value;
        it(`${name} exists as written`, () => {
          const type = schema.getType(name);
          expect(type, `type ${name}`).toBeTruthy();
          if (
            definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
            definition.kind === Kind.OBJECT_TYPE_EXTENSION
          ) {
            const fields = type?.getFields?.() ?? {};
            for (const field of definition.fields ?? []) {
              const actual = fields[field.name.value];
              expect(actual, `${name}.${field.name.value}`).toBeTruthy();
              expect(String(actual!.type), `${name}.${field.name.value}`).toBe(print(field.type));
              for (const arg of field.arguments ?? []) {
                const actualArg = actual!.args?.find((a) => a.name === arg.name.value);
                expect(actualArg, `${name}.${field.name.value}(${arg.name.value})`).toBeTruthy();
                expect(String(actualArg!.type), `${name}.${field.name.value}(${arg.name.value})`).toBe(
                  print(arg.type),
                );
              }
              // Arguments added beyond the contract must be optional, or existing clients break.
              const written = new Set((field.arguments ?? []).map((a) => a.name.value));
              for (const added of actual!.args?.filter((a) => !written.has(a.name)) ?? []) {
                expect(
                  String(added.type),
                  `${name}.${field.name.value}(${added.name}) must be optional`,
                ).not.toMatch(/!$/);
              }
            }
          } else if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
            const fields = type?.getFields?.() ?? {};
            for (const field of definition.fields ?? []) {
              const actual = fields[field.name.value];
              expect(actual, `${name}.${field.name.value}`).toBeTruthy();
              expect(String(actual!.type), `${name}.${field.name.value}`).toBe(print(field.type));
            }
            const written = new Set((definition.fields ?? []).map((f) => f.name.value));
            for (const [added, field] of Object.entries(fields).filter(([key]) => !written.has(key))) {
              expect(String(field.type), `${name}.${added} must be optional`).not.toMatch(/!$/);
            }
          } else if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
            const values = (type?.getValues?.() ?? []).map((v) => v.name);
            for (const value of definition.values ?? []) expect(values).toContain(value.name.value);
          }
        });
      }
    });
  }
});
