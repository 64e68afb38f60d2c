import { auditTrailResolvers } from '@participa/audit-trail';
import { activityResolvers } from './activities.ts';
import { budgetResolvers } from './budget.ts';
import { commitmentResolvers } from './commitments.ts';
import { planResolvers } from './plans.ts';
import { referenceResolvers } from './reference.ts';

type ResolverMap = Record<string, Record<string, unknown>>;

/** Merges the resolver maps of each part (several parts add fields to Organization, Query…). */
function merge(...maps: ResolverMap[]): ResolverMap {
  const merged: ResolverMap = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) merged[type] = { ...merged[type], ...fields };
  }
  return merged;
}

export const resolvers = merge(
  auditTrailResolvers,
  referenceResolvers,
  planResolvers,
  activityResolvers,
  budgetResolvers,
  commitmentResolvers,
);
