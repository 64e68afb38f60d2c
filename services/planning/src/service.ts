import { auditTrailTypeDefs } from '@participa/audit-trail';
import { metricsTypeDefs } from '@participa/metrics';
import { outboxBacklog } from '@participa/outbox/tables';
import { defineService, mergeResolvers } from '@participa/subgraph-kit';
import { schema } from './db/index.ts';
import { createLoaders } from './loaders.ts';
import { planningMetrics } from './metrics.ts';
import { resolvers } from './resolvers/index.ts';
import { seedDemo } from './seed/demo.ts';
import { seedReference } from './seed/reference.ts';

export const planningService = defineService({
  name: 'planning',
  defaultPort: 4102,
  location: import.meta.url,
  sharedTypeDefs: [auditTrailTypeDefs, metricsTypeDefs, planningMetrics.typeDefs],
  resolvers: mergeResolvers(resolvers, planningMetrics.resolvers),
  schema,
  createLoaders,
  outboxBacklog: (db) => outboxBacklog(db, schema.outboxEvents),
  seedReference,
  seedDemo,
});
