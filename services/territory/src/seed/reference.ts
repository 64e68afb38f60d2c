import { REFERENCE_NETWORKS, REFERENCE_TERRITORIES } from '@participa/reference';
import type { TerritoryDb } from '../db/index.ts';
import { networks, territories } from '../db/schema.ts';

/**
 * Networks and territories every deployment needs, with the stable ids all subgraphs share.
 * Inserted once by id: a second run adds nothing and keeps the secretariat's later corrections
 * of network assignments.
 */
export async function seedReference(db: TerritoryDb): Promise<void> {
  const networkIds = new Map(REFERENCE_NETWORKS.map((n) => [n.code, n.id]));
  const territoryIds = new Map(REFERENCE_TERRITORIES.map((t) => [t.code, t.id]));
  await db.transaction(async (tx) => {
    await tx
      .insert(networks)
      .values(REFERENCE_NETWORKS.map(({ id, code, name }) => ({ id, code, name })))
      .onConflictDoNothing();
    // Parents first: barrios and veredas reference their comuna or corregimiento.
    const ordered = [...REFERENCE_TERRITORIES].sort(
      (a, b) => Number(a.parentCode !== null) - Number(b.parentCode !== null),
    );
    await tx
      .insert(territories)
      .values(
        ordered.map((t) => ({
          id: t.id,
          code: t.code,
          name: t.name,
          kind: t.kind,
          networkId: networkIds.get(t.networkCode)!,
          parentId: t.parentCode ? territoryIds.get(t.parentCode)! : null,
        })),
      )
      .onConflictDoNothing();
  });
}
