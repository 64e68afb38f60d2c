/** The checks of manifests.test.ts over the rendered manifests, kept apart so the test file only tests. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PLATFORM_QUEUES, QUEUE_PREFIX } from '../../../packages/queue/src/names.ts';
import { containersOf, type Manifest, type Resource } from './render.ts';

export const root = path.resolve(import.meta.dirname, '../../..');
const SECRET_NAME = /SECRET|KEY|PASSWORD|TOKEN|SMTP_URL|DATABASE_URL/;

export interface Process {
  /** Deployment name. */
  name: string;
  entry: string;
  /** HTTP port the process serves (a Service reaches it), if any. */
  port?: number;
  /** Where its probes ask: liveness `GET /health`, readiness `GET <readyPath>` (else an exec probe). */
  probePort: number;
  readyPath?: string;
  kind: 'subgraph' | 'worker' | 'gateway';
  service: string;
}

/** Every process the repository has, read from the folders (not from the manifests). */
export function processesOfRepository(): Process[] {
  const processes: Process[] = [
    {
      name: 'participa-gateway',
      entry: 'gateway/dist/main.js',
      port: 4000,
      probePort: 4000,
      readyPath: '/ready',
      kind: 'gateway',
      service: 'gateway',
    },
  ];
  for (const service of readdirSync(path.join(root, 'services')).sort()) {
    const src = path.join(root, 'services', service, 'src');
    if (existsSync(path.join(src, 'main.ts'))) {
      const port = /defaultPort:\s*(\d+)/.exec(readFileSync(path.join(src, 'service.ts'), 'utf8'))?.[1];
      processes.push({
        name: `participa-${service}`,
        entry: `services/${service}/dist/main.js`,
        port: Number(port),
        probePort: Number(port),
        // A subgraph is ready only while its database answers.
        readyPath: '/ready',
        kind: 'subgraph',
        service,
      });
    }
    if (existsSync(path.join(src, 'worker.ts'))) {
      const servicePort = Number(
        /defaultPort:\s*(\d+)/.exec(readFileSync(path.join(src, 'service.ts'), 'utf8'))?.[1],
      );
      const queuesPort = readFileSync(path.join(src, 'worker.ts'), 'utf8').includes('queuesView')
        ? 4190
        : undefined;
      processes.push({
        name: `participa-${service}-worker`,
        entry: `services/${service}/dist/worker.js`,
        port: queuesPort,
        // Every worker serves /health and /metrics on its service's port + 10 (serveWorkerEndpoints).
        probePort: servicePort + 10,
        kind: 'worker',
        service,
      });
    }
  }
  return processes;
}

export const find = (resources: Resource[], kind: string, name: string) =>
  resources.find((resource) => resource.kind === kind && resource.metadata.name === name);

const selects = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  !!selector &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/** What is missing or wrong for each process; empty when the manifests cover the repository. */
export function coverageProblems(resources: Resource[], processes: Process[]): string[] {
  const problems: string[] = [];
  for (const process of processes) {
    const problem = (what: string) => problems.push(`${process.name}: ${what}`);
    const deployment = find(resources, 'Deployment', process.name);
    if (!deployment) {
      problem('no Deployment');
      continue;
    }
    const labels: Record<string, string> = deployment.spec.template.metadata.labels;
    const [container] = containersOf(deployment);
    const env = new Map<string, Manifest>(
      (container?.env ?? []).map((variable: Manifest) => [variable.name, variable]),
    );
    if (env.get('ENTRY')?.value !== process.entry) problem(`ENTRY is not ${process.entry}`);
    const httpProbe = (probe: string, expectedPath: string) => {
      const check = container?.[probe];
      const port = check?.httpGet?.port;
      const declared = container?.ports?.find((p: Manifest) => p.name === port || p.containerPort === port);
      return check?.httpGet?.path === expectedPath && declared?.containerPort !== undefined
        ? declared.containerPort
        : undefined;
    };
    if (!container?.livenessProbe) problem('no livenessProbe');
    else if (httpProbe('livenessProbe', '/health') !== process.probePort)
      problem(`livenessProbe is not GET /health on ${process.probePort}`);
    if (!container?.readinessProbe) problem('no readinessProbe');
    else if (process.readyPath) {
      if (httpProbe('readinessProbe', process.readyPath) !== process.probePort)
        problem(`readinessProbe is not GET ${process.readyPath} on ${process.probePort}`);
    } else if (!container.readinessProbe.exec?.command?.length && !container.readinessProbe.httpGet)
      problem('readinessProbe of a worker is neither an exec probe nor an HTTP one');
    if (process.port) {
      const service = resources.find(
        (r) =>
          r.kind === 'Service' &&
          selects(r.spec.selector, labels) &&
          r.spec.ports.some((p: Manifest) => p.port === process.port),
      );
      if (!service) problem(`no Service on port ${process.port}`);
    }
    if (process.kind === 'worker') {
      const scaled = resources.find(
        (r) => r.kind === 'ScaledObject' && r.spec.scaleTargetRef.name === process.name,
      );
      const list = scaled?.spec.triggers.find((t: Manifest) => t.type === 'redis')?.metadata.listName;
      const queues = PLATFORM_QUEUES.map((queue) => `${QUEUE_PREFIX}:${queue}:wait`);
      if (!scaled) problem('no KEDA ScaledObject');
      else if (!queues.includes(list)) problem(`ScaledObject watches ${list}, not a queue of the platform`);
    } else {
      const hpa = resources.find(
        (r) => r.kind === 'HorizontalPodAutoscaler' && r.spec.scaleTargetRef.name === process.name,
      );
      if (!hpa) problem('no HorizontalPodAutoscaler');
    }
    if (
      !resources.some((r) => r.kind === 'PodDisruptionBudget' && selects(r.spec.selector.matchLabels, labels))
    ) {
      problem('no PodDisruptionBudget');
    }
    const policy = resources.find(
      (r) => r.kind === 'NetworkPolicy' && selects(r.spec.podSelector.matchLabels, labels),
    );
    if (!policy) problem('no NetworkPolicy of its own');
    else if (process.kind === 'subgraph') {
      const peers = policy.spec.ingress.flatMap((rule: Manifest) => rule.from ?? [{}]);
      const gatewayOnly = peers.every(
        (peer: Manifest) =>
          !peer.namespaceSelector &&
          peer.podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'participa-gateway',
      );
      if (!gatewayOnly || peers.length === 0) problem('its NetworkPolicy lets in more than the gateway');
    }
  }
  return problems;
}

/** Env variables that look like secrets but carry a value in the manifests. */
export function secretValues(resources: Resource[]): string[] {
  const found: string[] = [];
  for (const resource of resources) {
    if (resource.kind === 'Secret') found.push(`Secret ${resource.metadata.name} is in the manifests`);
    if (resource.kind === 'ConfigMap') {
      for (const key of Object.keys(resource.data ?? {})) {
        if (SECRET_NAME.test(key)) found.push(`ConfigMap ${resource.metadata.name} has ${key}`);
      }
    }
    for (const container of containersOf(resource)) {
      for (const variable of container.env ?? []) {
        if (
          SECRET_NAME.test(variable.name) &&
          (variable.value !== undefined || !variable.valueFrom?.secretKeyRef)
        ) {
          found.push(`${resource.metadata.name}/${container.name}: ${variable.name} is not a secretKeyRef`);
        }
      }
    }
  }
  return found;
}
