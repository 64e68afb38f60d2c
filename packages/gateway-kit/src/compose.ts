import { composeServices } from '@apollo/composition';
import { type AnyServiceDefinition, subgraphDocument } from '@participa/subgraph-kit';

export interface SubgraphLocation {
  definition: AnyServiceDefinition;
  url: string;
}

export class CompositionError extends Error {
  override name = 'CompositionError';
}

/** Composes the supergraph from the services' own SDL; any composition error is thrown. */
export function composeSupergraph(subgraphs: SubgraphLocation[]): string {
  const result = composeServices(
    subgraphs.map(({ definition, url }) => ({
      name: definition.name,
      url,
      typeDefs: subgraphDocument(definition.typeDefs),
    })),
  );
  if (result.errors) {
    throw new CompositionError(
      `Supergraph composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`,
    );
  }
  return result.supergraphSdl;
}
