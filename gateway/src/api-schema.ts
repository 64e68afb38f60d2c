import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchema as printFederationSchema, Supergraph } from '@apollo/federation-internals';
import { composeSupergraph } from '@participa/gateway-kit';
import {
  type BreakingChange,
  buildSchema,
  type DangerousChange,
  findBreakingChanges,
  findDangerousChanges,
  type GraphQLSchema,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
import { SERVICES, subgraphUrl } from './catalog.ts';

/**
 * The graph as clients see it (no federation machinery), published in the repository for front-end
 * code generators and as the baseline of the compatibility check.
 */
export const PUBLISHED_SCHEMA_PATH = fileURLToPath(new URL('../../docs/api-schema.graphql', import.meta.url));

/** The API schema composed from every service of the catalog. */
export function composeApiSchema(): GraphQLSchema {
  const supergraph = composeSupergraph(
    SERVICES.map((definition) => ({ definition, url: subgraphUrl(definition) })),
  );
  // Printed and parsed again: federation-internals loads graphql-js as CommonJS, a realm apart from
  // this module's ESM copy, and graphql-js refuses to mix the two.
  return buildSchema(printFederationSchema(Supergraph.build(supergraph).apiSchema()));
}

/** Sorted, so the published file changes only where the graph does. */
export const printApiSchema = (schema: GraphQLSchema) => `${printSchema(lexicographicSortSchema(schema))}\n`;

export interface Compatibility {
  breaking: BreakingChange[];
  dangerous: DangerousChange[];
  /** The published file differs from the graph (also when every difference is compatible). */
  unpublished: boolean;
}

export function compareWithPublished(current: GraphQLSchema, publishedSdl: string): Compatibility {
  const published = buildSchema(publishedSdl);
  return {
    breaking: findBreakingChanges(published, current),
    dangerous: findDangerousChanges(published, current),
    unpublished: printApiSchema(current) !== publishedSdl,
  };
}

export const readPublishedSchema = () => readFileSync(PUBLISHED_SCHEMA_PATH, 'utf8');
