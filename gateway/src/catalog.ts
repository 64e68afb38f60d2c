import { educationService } from '@participa/education';
import { feedbackService } from '@participa/feedback';
import { indicatorsService } from '@participa/indicators';
import { notificationsService } from '@participa/notifications';
import { planningService } from '@participa/planning';
import type { AnyServiceDefinition } from '@participa/subgraph-kit';
import { territoryService } from '@participa/territory';

/** Every subgraph of the platform: what the supergraph is composed from. */
export const SERVICES: AnyServiceDefinition[] = [
  territoryService,
  planningService,
  educationService,
  feedbackService,
  indicatorsService,
  notificationsService,
];

/** Where the gateway finds a subgraph: `<SERVICE>_URL`, else the default port on `SUBGRAPH_HOST`. */
export function subgraphUrl(definition: AnyServiceDefinition, env: NodeJS.ProcessEnv = process.env): string {
  const override = env[`${definition.name.toUpperCase()}_URL`];
  if (override) return override;
  const port = env[`${definition.name.toUpperCase()}_PORT`] ?? definition.defaultPort;
  return `http://${env.SUBGRAPH_HOST ?? '127.0.0.1'}:${port}/graphql`;
}
