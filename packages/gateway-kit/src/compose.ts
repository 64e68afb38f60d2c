import { composeServices } from '@apollo/composition';
import { type AnyServiceDefinition, subgraphDocument } from '@participa/subgraph-kit';
import { PLATFORM_SUBGRAPH, PLATFORM_SUBGRAPH_URL, platformTypeDefs } from './platform-status.ts';

export interface SubgraphLocation {
  definition: AnyServiceDefinition;
  url: string;
}

export class CompositionError extends Error {
  override name = 'CompositionError';
}

/**
 * Hints that mean composition silently dropped part of a subgraph's API: an input type two
 * subgraphs define with different fields keeps only the common ones, so an argument a subgraph
 * reads never reaches it. Treated as errors.
 */
const LOSSY_HINTS = new Set(['INCONSISTENT_INPUT_OBJECT_FIELD']);

/**
 * Composes the supergraph from the services' own SDL, plus the gateway's own `platform` subgraph
 * (`platformStatus`), which every gateway serves in-process; any composition error is thrown.
 */
export function composeSupergraph(subgraphs: SubgraphLocation[]): string {
  const result = composeServices([
    ...subgraphs.map(({ definition, url }) => ({
      name: definition.name,
      url,
      typeDefs: subgraphDocument(definition.typeDefs),
    })),
    { name: PLATFORM_SUBGRAPH, url: PLATFORM_SUBGRAPH_URL, typeDefs: subgraphDocument(platformTypeDefs) },
  ]);
  if (result.errors) {
    throw new CompositionError(
      `Supergraph composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`,
    );
  }
  const lossy = result.hints.filter((hint) => LOSSY_HINTS.has(hint.definition.code));
  if (lossy.length) {
    throw new CompositionError(
      `Supergraph composition dropped fields:\n${lossy.map((h) => `- ${h.message}`).join('\n')}\nGive each subgraph's input type its own name, or the same fields in every subgraph.`,
    );
  }
  return result.supergraphSdl;
}
