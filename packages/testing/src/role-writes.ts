import { describe, expect, it } from 'vitest';
import { type Caller, errorCodes, type TestGraph } from './index.ts';

/** Every kind of caller a write can come from, relative to the network that owns the record. */
export const ACTORS = [
  'anonymous',
  'citizen',
  'ownStaff',
  'ownAdmin',
  'otherStaff',
  'otherAdmin',
  'secretariat',
  'system',
] as const;
export type Actor = (typeof ACTORS)[number];

/** Network writers: staff and admins of the record's own network. */
export const OWN_NETWORK: readonly Actor[] = ['ownStaff', 'ownAdmin'];

export function callerOf(actor: Actor, network: string, otherNetwork: string): Caller | undefined {
  const callers: Record<Actor, Caller | undefined> = {
    anonymous: undefined,
    citizen: { role: 'citizen', sub: 'citizen-matrix' },
    ownStaff: { role: 'ese_staff', network, sub: `staff-${network}` },
    ownAdmin: { role: 'ese_admin', network, sub: `admin-${network}` },
    otherStaff: { role: 'ese_staff', network: otherNetwork, sub: `staff-${otherNetwork}` },
    otherAdmin: { role: 'ese_admin', network: otherNetwork, sub: `admin-${otherNetwork}` },
    secretariat: { role: 'secretariat', sub: 'secretaria' },
    system: { role: 'system', sub: 'worker' },
  };
  return callers[actor];
}

export interface Operation {
  query: string;
  variables: Record<string, unknown>;
}

/** One mutation of the table: how to prepare a fresh record for an attempt, and who may write. */
export interface WriteCase<TFixture = unknown> {
  /** Fresh records for one attempt, made by their network's staff (or whoever owns them). */
  arrange(): Promise<TFixture>;
  operation(fixture: TFixture): Operation;
  allowed: readonly Actor[];
  /**
   * Actors that today's code lets write although docs/architecture.md says they must not
   * ("secretariat: all networks, read and reference data"). Their test asserts the documented
   * refusal and is expected to fail (`it.fails`) until the authorization is corrected; then it
   * must move out of this list.
   */
  deviations?: readonly Actor[];
}

/** Lets a table hold cases of different fixtures; each case is checked against its own. */
export const writeCase = <TFixture>(write: WriteCase<TFixture>) => write as WriteCase<unknown>;

/** Codes a refused write may answer: not signed in, not allowed, or a record it may not see. */
const REFUSALS = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT'];

/**
 * A digest of every row of a service's schema: equal before and after a refused write means that
 * nothing was written (no row, no audit entry, no timeline event).
 */
async function fingerprint(graph: TestGraph, service: string): Promise<string> {
  const { db } = graph.databases[service]!;
  const tables = (await db.execute(
    `select table_name from information_schema.tables where table_schema = '${service}' and table_type = 'BASE TABLE' order by 1`,
  )) as unknown as { table_name: string }[];
  expect(tables.length).toBeGreaterThan(0);
  const digests = tables.map(
    ({ table_name: table }) =>
      `select '${table}' as t, md5(coalesce(string_agg(r::text, '|' order by r::text), '')) as d from "${service}"."${table}" r`,
  );
  const rows = (await db.execute(digests.join(' union all '))) as unknown as { t: string; d: string }[];
  return rows.map((r) => `${r.t}:${r.d}`).join(',');
}

/**
 * Role × write: for every mutation and every actor, one attempt through the gateway. Allowed actors
 * get data; the others get a refusal and the service's data is unchanged.
 */
export function describeRoleWrites(
  graph: () => TestGraph,
  options: { service: string; network: string; otherNetwork: string },
  cases: Record<string, WriteCase<unknown>>,
): void {
  for (const [mutation, write] of Object.entries(cases)) {
    describe(mutation, () => {
      // A refused attempt writes nothing, so refused actors share one record; a write gets its own.
      let shared: Promise<unknown> | undefined;
      const refusedFixture = () => {
        shared ??= write.arrange();
        return shared;
      };
      for (const actor of ACTORS) {
        const allowed = write.allowed.includes(actor);
        const deviation = write.deviations?.includes(actor) ?? false;
        const verdict = allowed ? 'allowed' : 'refused, nothing written';
        const title = deviation
          ? `${actor}: refused, nothing written (KNOWN DEVIATION: today's code lets it write)`
          : `${actor}: ${verdict}`;
        (deviation ? it.fails : it)(title, async () => {
          const fixture = await (allowed || deviation ? write.arrange() : refusedFixture());
          const { query, variables } = write.operation(fixture);
          const as = callerOf(actor, options.network, options.otherNetwork);
          const before = await fingerprint(graph(), options.service);
          const result = await graph().request(query, variables, as);
          if (allowed) {
            expect(result.errors).toBeUndefined();
            expect(result.data?.[mutation]).toBeTruthy();
            return;
          }
          const codes = errorCodes(result);
          expect(codes).toHaveLength(1);
          expect(REFUSALS).toContain(codes[0]);
          if (actor === 'anonymous') expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(codes[0]);
          expect(result.data?.[mutation] ?? null).toBeNull();
          expect(await fingerprint(graph(), options.service)).toBe(before);
        });
      }
    });
  }
}
