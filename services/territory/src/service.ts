import { auditTrailTypeDefs } from '@participa/audit-trail';
import { metricsTypeDefs } from '@participa/metrics';
import { defineService, mergeResolvers } from '@participa/subgraph-kit';
import { schema } from './db/index.ts';
import { createLoaders } from './loaders.ts';
import { territoryMetrics } from './metrics.ts';
import { portfolioResolvers } from './portfolio/resolvers.ts';
import { resolvers } from './resolvers.ts';
import { purgeExpired } from './retention.ts';
import { seedDemo } from './seed/demo.ts';
import { seedReference } from './seed/reference.ts';

export const territoryService = defineService({
  name: 'territory',
  defaultPort: 4101,
  location: import.meta.url,
  sharedTypeDefs: [auditTrailTypeDefs, metricsTypeDefs, territoryMetrics.typeDefs],
  resolvers: mergeResolvers(resolvers, portfolioResolvers, territoryMetrics.resolvers),
  schema,
  createLoaders,
  purgeExpired,
  seedReference,
  seedDemo,
});
