import { errorCodes, startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackService } from '../src/service.ts';
import { CENTRO_STAFF, idOf, petition, submit } from './helpers.ts';

/**
 * How the petitioner wants the answer: `responseChannel` (Spanish values, like `PqrsChannel`)
 * beside the deprecated `preferredChannel` (English values), one channel whichever field a client
 * uses, and both fields answered for records of either age.
 */
let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([feedbackService]);
});
afterAll(() => graph?.stop());

const withChannel = (channel: Record<string, string>) => {
  const base = petition();
  const { preferredChannel: _old, ...petitioner } = base.petitioner;
  return { ...base, petitioner: { ...petitioner, ...channel } };
};

async function channelsOf(radicado: string) {
  const data = await graph.data<{
    pqrs: { petitioner: { responseChannel: string; preferredChannel: string } };
  }>(
    'query ($id: ID!) { pqrs(id: $id) { petitioner { responseChannel preferredChannel } } }',
    { id: await idOf(graph, radicado) },
    CENTRO_STAFF,
  );
  return data.pqrs.petitioner;
}

describe('the channel the petitioner wants the answer by', () => {
  it.each([
    [{ responseChannel: 'TELEFONICO' }, { responseChannel: 'TELEFONICO', preferredChannel: 'PHONE' }],
    [{ responseChannel: 'CORREO_POSTAL' }, { responseChannel: 'CORREO_POSTAL', preferredChannel: 'MAIL' }],
    [{ preferredChannel: 'IN_PERSON' }, { responseChannel: 'PRESENCIAL', preferredChannel: 'IN_PERSON' }],
    [
      { responseChannel: 'EMAIL', preferredChannel: 'EMAIL' },
      { responseChannel: 'EMAIL', preferredChannel: 'EMAIL' },
    ],
  ])('given as %j reads back as %j', async (given, expected) => {
    const receipt = await submit(graph, withChannel(given));
    expect(await channelsOf(receipt.radicado)).toEqual(expected);
  });

  it('refuses two fields that disagree, naming the field, in Spanish', async () => {
    const result = await graph.request(
      'mutation ($input: SubmitPqrsInput!) { submitPqrs(input: $input) { radicado } }',
      {
        input: withChannel({ responseChannel: 'PRESENCIAL', preferredChannel: 'PHONE' }),
      },
    );
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.message).toContain('responseChannel');
    expect(result.errors![0]!.message).toContain('no coincide con preferredChannel');
  });
});
