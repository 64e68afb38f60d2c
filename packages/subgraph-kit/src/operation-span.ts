import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { api } from '@participa/tracing';

/**
 * Names the GraphQL operation on the request's span (the gateway's own spans already do): which
 * operation a slow subgraph request served. Its name and type only; never the document or variables.
 */
export function operationSpanPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operationName, operation }) {
          const span = api.trace.getActiveSpan();
          if (!span) return;
          if (operationName) span.setAttribute('graphql.operation.name', operationName);
          if (operation) span.setAttribute('graphql.operation.type', operation.operation);
        },
      };
    },
  };
}
