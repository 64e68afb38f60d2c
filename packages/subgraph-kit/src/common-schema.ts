import { readFileSync } from 'node:fs';
import type { DocumentNode } from 'graphql';
import { gql } from 'graphql-tag';
import { DateScalar, DateTimeScalar } from './scalars.ts';

/**
 * Definitions every subgraph shares: the federation link, the contract's scalars, Relay's
 * `PageInfo` and Apollo's cache hints. Written once here so that all subgraphs declare them
 * identically.
 */
export const commonTypeDefs: DocumentNode = gql`
  extend schema
    @link(
      url: "https://specs.apollo.dev/federation/v2.7"
      import: ["@key", "@shareable", "@external", "@requires", "@inaccessible"]
    )

  """
  How long an answer made of this type or field may be reused by the gateway's response cache and
  by browsers (Apollo's cache control). Only public reference data carries one: anything without
  a hint is never cached, and the gateway caches anonymous reads only. Subgraph-internal: not
  composed into the graph. (\`scope\` is left out: every hint here is public.)
  """
  directive @cacheControl(maxAge: Int) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION

  "ISO 8601 date and time with offset."
  scalar DateTime
  "Calendar date, YYYY-MM-DD."
  scalar Date

  "Where a page of a connection stands in the whole list (Relay)."
  type PageInfo @shareable {
    "Whether more items follow this page; ask for them with \`after: endCursor\`."
    hasNextPage: Boolean!
    "Cursor of the last edge of this page; null when the page is empty."
    endCursor: String
  }
`;

export const commonResolvers = { DateTime: DateTimeScalar, Date: DateScalar };

/** One document from several (a service's own SDL plus shared parts). */
export function concatTypeDefs(...documents: DocumentNode[]): DocumentNode {
  return { kind: commonTypeDefs.kind, definitions: documents.flatMap((document) => document.definitions) };
}

/** The full SDL of a subgraph: the common part plus the service's own. */
export function subgraphDocument(typeDefs: DocumentNode): DocumentNode {
  return concatTypeDefs(commonTypeDefs, typeDefs);
}

/** Reads a service's `schema.graphql` (kept as a file so editors and reviewers see plain SDL). */
export function loadTypeDefs(url: URL): DocumentNode {
  return gql(readFileSync(url, 'utf8'));
}
