import { educationService } from '@participa/education';
import type { AnyServiceDefinition } from '@participa/subgraph-kit';
import { territoryService } from '@participa/territory';

/** Every subgraph of the platform, with the file that runs it as its own process. */
export interface CatalogEntry {
  definition: AnyServiceDefinition;
  /** Entry point, relative to the repository root. */
  entry: string;
}

export const SERVICES: CatalogEntry[] = [
  { definition: territoryService, entry: 'services/territory/src/main.ts' },
  { definition: educationService, entry: 'services/education/src/main.ts' },
];

/** Where the gateway finds a subgraph: `<SERVICE>_URL`, else the default port on `SUBGRAPH_HOST`. */
export function subgraphUrl(definition: AnyServiceDefinition, env: NodeJS.ProcessEnv = process.env): string {
  const override = env[`${definition.name.toUpperCase()}_URL`];
  if (override) return override;
  const port = env[`${definition.name.toUpperCase()}_PORT`] ?? definition.defaultPort;
  return `http://${env.SUBGRAPH_HOST ?? '127.0.0.1'}:${port}/graphql`;
}
