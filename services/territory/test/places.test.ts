import { errorCodes, startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { territoryService } from '../src/service.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService], { demoData: true });
});
afterAll(() => graph?.stop());

const secretariat = { role: 'secretariat' } as const;

interface NetworkResult {
  code: string;
  name: string;
  territories: { id: string; code: string; kind: string }[];
}

describe('networks and territories', () => {
  it('lists the five networks of Cali with the comunas and corregimientos each serves', async () => {
    const { networks } = await graph.data<{ networks: NetworkResult[] }>(
      '{ networks { code name territories { id code kind } } }',
    );
    expect(networks.map((n) => n.code).sort()).toEqual([
      'CENTRO',
      'LADERA',
      'NORTE',
      'ORIENTE',
      'SURORIENTE',
    ]);
    const byCode = new Map(networks.map((n) => [n.code, n.territories.map((t) => t.code)]));
    expect(byCode.get('CENTRO')).toEqual(['C08', 'C09', 'C10', 'C11', 'C12']);
    expect(byCode.get('ORIENTE')).toEqual(['C13', 'C14', 'C15', 'C21']);
    expect(byCode.get('NORTE')).toEqual(['C02', 'C04', 'C05', 'C06', 'C07']);
    expect(byCode.get('SURORIENTE')).toEqual(['C16']);
    expect(byCode.get('LADERA')).toHaveLength(7 + 15);
    const all = networks.flatMap((n) => n.territories);
    expect(all.filter((t) => t.kind === 'COMUNA')).toHaveLength(22);
    expect(all.filter((t) => t.kind === 'CORREGIMIENTO')).toHaveLength(15);
  });

  it('answers network(code) and territory(id) with barrios as children', async () => {
    const { network } = await graph.data<{
      network: { name: string; territories: { id: string; code: string }[] };
    }>('{ network(code: "CENTRO") { name territories(kind: COMUNA) { id code } } }');
    expect(network.name).toBe('Red de Salud del Centro E.S.E.');
    const c09 = network.territories.find((t) => t.code === 'C09')!;
    const { territory } = await graph.data<{
      territory: { name: string; network: { code: string }; children: { name: string; kind: string }[] };
    }>('query($id: ID!) { territory(id: $id) { name network { code } children { name kind } } }', {
      id: c09.id,
    });
    expect(territory.name).toBe('Comuna 9');
    expect(territory.network.code).toBe('CENTRO');
    expect(territory.children.map((c) => c.name)).toContain('Obrero');
    expect(new Set(territory.children.map((c) => c.kind))).toEqual(new Set(['BARRIO']));
    const { network: unknown } = await graph.data<{ network: null }>('{ network(code: "PACIFICO") { id } }');
    expect(unknown).toBeNull();
  });

  it('lists facilities with their comuna', async () => {
    const { network } = await graph.data<{
      network: { facilities: { name: string; territory: { code: string } }[] };
    }>('{ network(code: "CENTRO") { facilities { name kind territory { code } } } }');
    expect(network.facilities.find((f) => f.name === 'Hospital Primitivo Iglesias')?.territory.code).toBe(
      'C08',
    );
  });

  it('resolves nested entities with a bounded number of SQL queries (batched per request)', async () => {
    graph.resetCounters();
    await graph.data(
      '{ networks { territories { network { code } children { name } } facilities { territory { code } } } }',
    );
    // networks, territories of all networks, their networks, children of all territories,
    // facilities, their territories: one query per level, whatever the number of rows.
    expect(graph.queryCount.territory).toBeLessThanOrEqual(6);
  });

  it('lets only the secretariat reassign a comuna, with its barrios', async () => {
    const { territories } = await graph.data<{ territories: { id: string; code: string }[] }>(
      '{ territories(filter: { networkCode: "CENTRO", kind: COMUNA }) { id code } }',
    );
    const c12 = territories.find((t) => t.code === 'C12')!;
    const mutation =
      'mutation($id: ID!, $code: String!) { assignTerritoryToNetwork(territoryId: $id, networkCode: $code) { code network { code } children { code } } }';
    const refused = await graph.request(
      mutation,
      { id: c12.id, code: 'ORIENTE' },
      { role: 'ese_admin', network: 'CENTRO' },
    );
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);

    const moved = await graph.data<{ assignTerritoryToNetwork: { network: { code: string } } }>(
      mutation,
      { id: c12.id, code: 'ORIENTE' },
      secretariat,
    );
    expect(moved.assignTerritoryToNetwork.network.code).toBe('ORIENTE');
    const { territories: barrios } = await graph.data<{ territories: { network: { code: string } }[] }>(
      'query($id: ID!) { territories(filter: { parentId: $id }) { network { code } } }',
      { id: c12.id },
    );
    expect(barrios.length).toBeGreaterThan(0);
    expect(new Set(barrios.map((b) => b.network.code))).toEqual(new Set(['ORIENTE']));

    const unknownNetwork = await graph.request(mutation, { id: c12.id, code: 'PACIFICO' }, secretariat);
    expect(errorCodes(unknownNetwork)).toEqual(['BAD_USER_INPUT']);
    await graph.data(mutation, { id: c12.id, code: 'CENTRO' }, secretariat);
  });

  it('creates a facility only in the caller’s network, and refuses a duplicate name', async () => {
    const mutation =
      'mutation($input: CreateFacilityInput!) { createFacility(input: $input) { name network { code } } }';
    const input = { networkCode: 'NORTE', name: 'Puesto de Salud Calima', kind: 'PUESTO_SALUD' };
    expect(
      errorCodes(await graph.request(mutation, { input }, { role: 'ese_staff', network: 'CENTRO' })),
    ).toEqual(['FORBIDDEN']);
    const created = await graph.data<{ createFacility: { network: { code: string } } }>(
      mutation,
      { input },
      {
        role: 'ese_staff',
        network: 'NORTE',
      },
    );
    expect(created.createFacility.network.code).toBe('NORTE');
    const duplicate = await graph.request(mutation, { input }, { role: 'ese_staff', network: 'NORTE' });
    expect(errorCodes(duplicate)).toEqual(['BAD_USER_INPUT']);
    expect(duplicate.errors?.[0]?.message).toMatch(/ya tiene una sede/);
  });
});
