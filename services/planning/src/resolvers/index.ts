import { auditTrailResolvers } from '@participa/audit-trail';
import { mergeResolvers } from '@participa/subgraph-kit';
import { activityResolvers } from './activities.ts';
import { budgetResolvers } from './budget.ts';
import { commitmentResolvers } from './commitments.ts';
import { planResolvers } from './plans.ts';
import { referenceResolvers } from './reference.ts';

export const resolvers = mergeResolvers(
  auditTrailResolvers,
  referenceResolvers,
  planResolvers,
  activityResolvers,
  budgetResolvers,
  commitmentResolvers,
);
