import { createRequire } from 'node:module';
import type * as OpenTelemetryApi from '@opentelemetry/api';

/**
 * The OpenTelemetry API as CommonJS, the build Apollo's gateway (CommonJS) loads. An ESM import
 * would load the package's other build: a second instance with a proxy tracer provider of its own,
 * and Apollo's tracer, created when its module loads, would stay a no-op whatever this package
 * registers later. One instance keeps tracers lazy: registration order stops mattering.
 */
export const api: typeof OpenTelemetryApi = createRequire(import.meta.url)('@opentelemetry/api');
