import { feedbackService } from '@participa/feedback';
import type { TestGraph } from '@participa/testing';
import { type ReadableSpan, startTestTracing } from '@participa/tracing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationsService } from '../src/service.ts';
import { eventually, type NotifiedGraph, startNotifiedGraph } from './harness.ts';

// Before anything is set up: the SQL client, the HTTP servers, the relay and the worker decide
// then whether they make spans.
const tracing = startTestTracing();
const { outboxEvents } = await import('../../feedback/src/db/schema.ts');

const SUBMIT = `mutation SubmitPqrs($input: SubmitPqrsInput!) { submitPqrs(input: $input) { radicado } }`;
const PETITIONER = {
  fullName: 'Yolanda Mosquera Riascos',
  documentType: 'CC',
  documentNumber: '66778899',
  email: 'yolanda.trazas@example.com',
  preferredChannel: 'EMAIL',
};

let graph: TestGraph;
let smtp: NotifiedGraph['smtp'];
let running: NotifiedGraph | undefined;

beforeAll(async () => {
  running = await startNotifiedGraph([feedbackService, notificationsService], outboxEvents);
  ({ graph, smtp } = running);
});

afterAll(async () => {
  await running?.stop();
  await tracing.shutdown();
});

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const idOf = (span: ReadableSpan) => span.spanContext().spanId;
const traceOf = (span: ReadableSpan) => span.spanContext().traceId;

describe('one trace from the request to the delivery', () => {
  it('links gateway, subgraph, SQL, outbox publish, event and delivery, without personal data', async () => {
    await graph.data(SUBMIT, {
      input: {
        networkCode: 'CENTRO',
        type: 'PETICION',
        subject: 'Copia de historia clínica',
        description: 'Solicito copia de mi historia clínica.',
        channel: 'WEB',
        petitioner: PETITIONER,
      },
    });
    await eventually(async () => smtp.received.find((m) => m.to.includes(PETITIONER.email)));
    const delivery = await eventually(async () => tracing.spans().find((s) => s.name === 'send delivery'));
    const spans = tracing.spans().filter((s) => traceOf(s) === traceOf(delivery));
    const byId = new Map(spans.map((s) => [idOf(s), s]));
    const parent = (span: ReadableSpan) => byId.get(parentOf(span) ?? '');
    const one = (name: string, extra: (s: ReadableSpan) => boolean = () => true) => {
      const found = spans.filter((s) => s.name === name && extra(s));
      expect(found, name).toHaveLength(1);
      return found[0]!;
    };

    // Gateway: its HTTP span is the root; Apollo's request, plan and fetch spans hang below it.
    const request = one('gateway.request');
    expect(request.attributes['graphql.operation.name']).toBe('SubmitPqrs');
    const gatewayHttp = parent(request)!;
    expect(gatewayHttp.name).toBe('POST /graphql');
    expect(parentOf(gatewayHttp)).toBeUndefined();
    expect(parent(one('gateway.plan'))).toBe(request);
    const fetch = one('gateway.fetch', (s) => s.attributes.service === 'feedback');
    expect(parent(parent(fetch)!)).toBe(request); // through gateway.execute
    // Feedback's HTTP span continues the traceparent the gateway sent with the fetch.
    const feedbackHttp = one('POST /graphql', (s) => parentOf(s) === idOf(fetch));
    expect(feedbackHttp.attributes).toMatchObject({
      'graphql.operation.name': expect.stringMatching(/^SubmitPqrs__feedback__/),
      'graphql.operation.type': 'mutation',
    });
    // The intake's filing statement (numbers and writes the PQRS), as text with placeholders.
    const insert = spans.find(
      (s) =>
        s.attributes['db.system'] === 'postgresql' &&
        parentOf(s) === idOf(feedbackHttp) &&
        String(s.attributes['db.query.text']).includes('INSERT INTO "feedback"."radicado_counters"'),
    );
    expect(insert?.name).toBe('WITH');
    expect(String(insert?.attributes['db.query.text'])).toContain('$1');
    // The relay publishes the row in the trace stored with it; the worker continues from there.
    const publish = one('publish pqrs.received');
    expect(parentOf(publish)).toBe(idOf(feedbackHttp));
    const recorded = one('record pqrs.received');
    expect(parentOf(recorded)).toBe(idOf(publish));
    expect(parentOf(delivery)).toBe(idOf(recorded));
    // The worker's own statements are in the trace too.
    expect(
      spans.some((s) => s.attributes['db.system'] === 'postgresql' && parentOf(s) === idOf(recorded)),
    ).toBe(true);

    // Nothing personal anywhere in the trace or any other span of the run.
    const secrets = [PETITIONER.fullName, 'Mosquera', PETITIONER.documentNumber, PETITIONER.email, 'trazas@'];
    for (const span of tracing.spans()) {
      const text = JSON.stringify([span.name, span.attributes, span.events, span.status]);
      for (const secret of secrets) expect(text, `${span.name} holds personal data`).not.toContain(secret);
    }
  });
});
