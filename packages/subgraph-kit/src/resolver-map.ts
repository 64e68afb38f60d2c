type ResolverMap = Record<string, Record<string, unknown>>;

/**
 * Merges the resolver maps of a service's parts type by type (several parts add fields to Query,
 * Mutation, Network…): each part lives in its own module and the service lists them once.
 */
export function mergeResolvers(...maps: object[]): ResolverMap {
  const merged: ResolverMap = {};
  for (const map of maps as ResolverMap[]) {
    for (const [type, fields] of Object.entries(map)) {
      // Scalars (GraphQLScalarType instances) are taken whole, not spread into a plain object.
      merged[type] = isPlainObject(fields) ? { ...merged[type], ...fields } : fields;
    }
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
