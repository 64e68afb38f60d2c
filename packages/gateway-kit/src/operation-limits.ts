import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/**
 * How big one operation may be. Checked at the gateway once the operation is parsed, validated and
 * its variables known, before the query plan runs: a refused operation never reaches a subgraph.
 */
export interface OperationLimits {
  /** Fields nested inside each other (the entity graph is cyclic). */
  maxDepth: number;
  /** Aliased fields in the whole operation, fragments expanded. */
  maxAliases: number;
  /** Fields at the root of the operation. */
  maxRootFields: number;
  /** Fields in one selection set, fragments expanded. */
  maxBreadth: number;
  /** Estimated cost: each field 1, times the `first` of its connection (or `listSize` for lists). */
  maxCost: number;
  /** Assumed length of a list without `first` (networks, territories, …) for the cost. */
  listSize: number;
  /** `first` assumed when a connection is asked without it (the subgraphs' default page). */
  defaultPageSize: number;
}

export const DEFAULT_LIMITS: OperationLimits = {
  maxDepth: 12,
  maxAliases: 50,
  maxRootFields: 20,
  maxBreadth: 100,
  maxCost: 25_000,
  listSize: 10,
  defaultPageSize: 20,
};

const ENV: Record<keyof OperationLimits, string> = {
  maxDepth: 'QUERY_MAX_DEPTH',
  maxAliases: 'QUERY_MAX_ALIASES',
  maxRootFields: 'QUERY_MAX_ROOT_FIELDS',
  maxBreadth: 'QUERY_MAX_BREADTH',
  maxCost: 'QUERY_MAX_COST',
  listSize: 'QUERY_LIST_SIZE',
  defaultPageSize: 'QUERY_DEFAULT_PAGE_SIZE',
};

export function operationLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): OperationLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const [key, name] of Object.entries(ENV) as [keyof OperationLimits, string][]) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1) throw new Error(`${name} must be a positive integer`);
    limits[key] = number;
  }
  return limits;
}

/** Introspection (GraphiQL's schema query) is exempt from size limits, not from authorization. */
export const isIntrospectionField = (name: string) => name === '__schema' || name === '__type';

export function tooLarge(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

interface Measure {
  aliases: number;
  cost: number;
}

/** Levels of nested fields; a fragment's depth is computed once however often it is spread. */
function depthOf(set: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>): number {
  const known = new Map<string, number>();
  const measure = (selections: SelectionSetNode): number => {
    let max = 0;
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) {
        if (isIntrospectionField(selection.name.value)) continue;
        max = Math.max(max, 1 + (selection.selectionSet ? measure(selection.selectionSet) : 0));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        max = Math.max(max, measure(selection.selectionSet));
      } else {
        const name = selection.name.value;
        if (!known.has(name)) {
          const fragment = fragments[name];
          known.set(name, fragment ? measure(fragment.selectionSet) : 0);
        }
        max = Math.max(max, known.get(name)!);
      }
    }
    return max;
  };
  return measure(set);
}

/** Measures an operation, refusing it as soon as one limit is passed (so the walk stays bounded). */
export function checkOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  limits: OperationLimits,
): Measure {
  const measure: Measure = { aliases: 0, cost: 0 };
  const integer = (node: ValueNode | undefined): number | null => {
    if (node?.kind === Kind.INT) return Number(node.value);
    if (node?.kind === Kind.VARIABLE) {
      const value = variables[node.name.value];
      return typeof value === 'number' ? value : null;
    }
    return null;
  };

  const fieldsOf = (set: SelectionSetNode): FieldNode[] =>
    set.selections.flatMap((selection) => {
      if (selection.kind === Kind.FIELD) return [selection];
      if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(selection.selectionSet);
      const fragment = fragments[selection.name.value];
      return fragment ? fieldsOf(fragment.selectionSet) : [];
    });

  /** Cost of a selection set of `parentType` met `times` times over. */
  const walk = (set: SelectionSetNode, parentTypeName: string, times: number): void => {
    const fields = fieldsOf(set);
    if (fields.length > limits.maxBreadth) {
      throw tooLarge(
        `La consulta pide demasiados campos juntos (${fields.length}; el máximo es ${limits.maxBreadth}).`,
      );
    }
    const parent = schema.getType(parentTypeName);
    // Duck-typed: the gateway's schema may come from graphql's CommonJS build, and graphql's
    // `isObjectType` refuses types of the other module realm.
    const definitions =
      parent && 'getFields' in parent
        ? (parent.getFields() as Record<string, { type: { toString(): string }; args?: { name: string }[] }>)
        : {};
    for (const field of fields) {
      const name = field.name.value;
      if (name === '__typename' || isIntrospectionField(name)) continue;
      if (field.alias && ++measure.aliases > limits.maxAliases) {
        throw tooLarge(`La consulta usa demasiados alias (el máximo es ${limits.maxAliases}).`);
      }
      measure.cost += times;
      if (measure.cost > limits.maxCost) {
        throw tooLarge(
          `La consulta es demasiado costosa (se estimaron más de ${limits.maxCost} puntos; pida menos datos o páginas más pequeñas).`,
        );
      }
      if (!field.selectionSet) continue;
      const definition = definitions[name];
      // `[Territory!]!` → list of Territory.
      const typeName = String(definition?.type ?? '');
      let factor = 1;
      if (definition?.args?.some((arg) => arg.name === 'first')) {
        const first = integer(field.arguments?.find((arg) => arg.name.value === 'first')?.value);
        factor = Math.max(1, first ?? limits.defaultPageSize);
      } else if (typeName.startsWith('[') && name !== 'edges') {
        // A connection's `edges` are counted by the connection's `first`.
        factor = limits.listSize;
      }
      const childType = typeName.replace(/[[\]!]/g, '');
      walk(field.selectionSet, childType, times * factor);
    }
  };

  const rootType = schema.getRootType(operation.operation);
  const rootFields = fieldsOf(operation.selectionSet).filter(
    (field) => field.name.value !== '__typename' && !isIntrospectionField(field.name.value),
  );
  if (rootFields.length > limits.maxRootFields) {
    throw tooLarge(
      `La consulta pide demasiadas operaciones a la vez (${rootFields.length}; el máximo es ${limits.maxRootFields}).`,
    );
  }
  const depth = depthOf(operation.selectionSet, fragments);
  if (depth > limits.maxDepth) {
    throw tooLarge(`La consulta es demasiado profunda (${depth} niveles; el máximo es ${limits.maxDepth}).`);
  }
  walk(operation.selectionSet, rootType?.name ?? '', 1);
  return measure;
}

/**
 * Apollo Server plugin: checks each operation after validation, before the gateway plans it, then
 * hands its estimated cost to `spend` (the client's cost budget), which may refuse it too.
 */
export function operationLimitsPlugin<TContext extends BaseContext>(
  limits: OperationLimits,
  spend?: (cost: number, context: TContext) => Promise<void>,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, operation, document, request, contextValue }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          const { cost } = checkOperation(schema, operation, fragments, request.variables ?? {}, limits);
          await spend?.(cost, contextValue);
        },
      };
    },
  };
}
