import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';

/** `DateTime`: ISO 8601 with offset, a JS `Date` inside. */
export const DateTimeScalar = DateTimeResolver;

/** `Date`: a calendar day `YYYY-MM-DD`, kept as a string inside (no time zone to get wrong). */
export const DateScalar = new GraphQLScalarType({ ...LocalDateResolver.toConfig(), name: 'Date' });
