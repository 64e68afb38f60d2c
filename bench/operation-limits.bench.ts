/**
 * The alias bomb of issue 9 (2,000 aliases of `networks { territories }`, about 90 KB) against a
 * gateway over the whole supergraph: how long until it is refused. Every subgraph URL is
 * unreachable, so the figure is the gateway's own work (parse, validate, measure) and proves no
 * subgraph is needed to refuse it.
 */
import { composeSupergraph, startGateway } from '@participa/gateway-kit';
import { SERVICES } from '../gateway/src/catalog.ts';

const BOMB = `{ ${Array.from({ length: 2000 }, (_, i) => `n${i}: networks { territories { code name } }`).join(' ')} }`;

export default async function operationLimitsBench() {
  const gateway = await startGateway({
    supergraphSdl: composeSupergraph(
      SERVICES.map((definition) => ({ definition, url: 'http://127.0.0.1:9/graphql' })),
    ),
    port: 0,
    production: true,
    jwtSecret: 'bench-jwt-secret-0123456789-0123456789',
    signingSecret: 'bench-signing-secret-0123456789-0123456789',
    rateLimit: false,
  });
  try {
    const body = JSON.stringify({ query: BOMB });
    const send = async () => {
      const started = performance.now();
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const answer = (await response.json()) as { errors?: { message: string }[] };
      if (response.status !== 400) throw new Error(`alias bomb not refused: ${JSON.stringify(answer)}`);
      return performance.now() - started;
    };
    for (let i = 0; i < 10; i++) await send();
    const samples: number[] = [];
    for (let i = 0; i < 100; i++) samples.push(await send());
    samples.sort((a, b) => a - b);
    const at = (q: number) => Number(samples[Math.floor(q * (samples.length - 1))]!.toFixed(2));
    return {
      'alias bomb size (KB)': Math.round(body.length / 1024),
      'alias bomb refused, round trip p50 / p95 (ms)': `${at(0.5)} / ${at(0.95)}`,
    };
  } finally {
    await gateway.close();
  }
}
