import { auditTrailTypeDefs } from '@participa/audit-trail';
import { characterizationTypeDefs } from '@participa/characterization';
import { metricsTypeDefs } from '@participa/metrics';
import { outboxBacklog } from '@participa/outbox/tables';
import { defineService, mergeResolvers } from '@participa/subgraph-kit';
import { campaignResolvers } from './campaigns/resolvers.ts';
import { schema } from './db/index.ts';
import { createLoaders } from './loaders.ts';
import { educationMetrics } from './metrics.ts';
import { portfolioResolvers } from './portfolio.ts';
import { resolvers } from './resolvers.ts';
import { purgeExpired } from './retention.ts';
import { seedDemo } from './seed/demo.ts';

export const educationService = defineService({
  name: 'education',
  defaultPort: 4103,
  location: import.meta.url,
  sharedTypeDefs: [characterizationTypeDefs, auditTrailTypeDefs, metricsTypeDefs, educationMetrics.typeDefs],
  resolvers: mergeResolvers(resolvers, portfolioResolvers, campaignResolvers, educationMetrics.resolvers),
  schema,
  createLoaders,
  outboxBacklog: (db) => outboxBacklog(db, schema.outboxEvents),
  purgeExpired,
  seedDemo,
});
