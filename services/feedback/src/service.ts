import { auditTrailTypeDefs } from '@participa/audit-trail';
import { characterizationTypeDefs } from '@participa/characterization';
import { metricsTypeDefs } from '@participa/metrics';
import { outboxBacklog } from '@participa/outbox/tables';
import { defineService, mergeResolvers } from '@participa/subgraph-kit';
import { schema } from './db/index.ts';
import { createLoaders } from './loaders.ts';
import { feedbackMetrics } from './metrics.ts';
import { participationResolvers } from './participation/resolvers.ts';
import { resolvers } from './resolvers.ts';
import { purgeExpired } from './retention.ts';
import { seedDemo } from './seed/demo.ts';

export const feedbackService = defineService({
  name: 'feedback',
  defaultPort: 4104,
  location: import.meta.url,
  sharedTypeDefs: [characterizationTypeDefs, auditTrailTypeDefs, metricsTypeDefs, feedbackMetrics.typeDefs],
  resolvers: mergeResolvers(resolvers, participationResolvers, feedbackMetrics.resolvers),
  schema,
  createLoaders,
  outboxBacklog: (db) => outboxBacklog(db, schema.outboxEvents),
  purgeExpired,
  seedDemo,
});
