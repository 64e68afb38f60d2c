/**
 * The Kubernetes manifests (infra/k8s): the production overlay rendered by ./render.ts (no kustomize
 * binary), every resource validated against its schema (kubernetes-models, @kubernetes-models/keda,
 * hand-written CloudNativePG schemas), and every process of the repository (services/<name>/src/main.ts
 * and worker.ts, the gateway) deployed with probes, a Service when it serves HTTP, autoscaling, a
 * disruption budget and a network policy, with secrets only by reference.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { coverageProblems, find, processesOfRepository, root, secretValues } from './checks.ts';
import { CNPG_SCHEMAS } from './cnpg-schemas.ts';
import { unknownFields } from './known-fields.ts';
import { containersOf, type Manifest, podSpecs, type Resource, renderKustomization } from './render.ts';

const overlay = path.join(root, 'infra/k8s/overlays/production');

type Validate = (resource: Resource) => void;

/** kubernetes-models and its KEDA models; they declare Node 22+, so on an older Node they may not load. */
async function loadModels(): Promise<Record<string, Validate> | string> {
  try {
    const [core, apps, batch, autoscaling, policy, networking, keda] = await Promise.all([
      import('kubernetes-models/v1'),
      import('kubernetes-models/apps/v1'),
      import('kubernetes-models/batch/v1'),
      import('kubernetes-models/autoscaling/v2'),
      import('kubernetes-models/policy/v1'),
      import('kubernetes-models/networking.k8s.io/v1'),
      import('@kubernetes-models/keda/keda.sh/v1alpha1'),
    ]);
    const model = (Model: new (data: Manifest) => { validate(): void }) => (resource: Resource) =>
      new Model(resource).validate();
    const ajv = new Ajv({ allErrors: true });
    const validators: Record<string, Validate> = {
      'v1/Namespace': model(core.Namespace),
      'v1/ConfigMap': model(core.ConfigMap),
      'v1/Service': model(core.Service),
      'apps/v1/Deployment': model(apps.Deployment),
      'apps/v1/StatefulSet': model(apps.StatefulSet),
      'batch/v1/Job': model(batch.Job),
      'autoscaling/v2/HorizontalPodAutoscaler': model(autoscaling.HorizontalPodAutoscaler),
      'policy/v1/PodDisruptionBudget': model(policy.PodDisruptionBudget),
      'networking.k8s.io/v1/NetworkPolicy': model(networking.NetworkPolicy),
      'networking.k8s.io/v1/Ingress': model(networking.Ingress),
      'keda.sh/v1alpha1/ScaledObject': model(keda.ScaledObject),
      'keda.sh/v1alpha1/TriggerAuthentication': model(keda.TriggerAuthentication),
    };
    for (const [type, schema] of Object.entries(CNPG_SCHEMAS)) {
      const check = ajv.compile(schema);
      validators[type] = (resource) => {
        if (!check(resource)) throw new Error(ajv.errorsText(check.errors));
      };
    }
    return validators;
  } catch (error) {
    const major = Number(process.versions.node.split('.')[0]);
    if (major >= 22) throw error;
    return `kubernetes-models did not load on Node ${process.versions.node} (it needs Node 22+): ${String(error)}`;
  }
}

const resources = renderKustomization(overlay);
const models = await loadModels();
const processes = processesOfRepository();

describe('infra/k8s/overlays/production', () => {
  it('renders, each object once, all in the namespace participa', () => {
    const keys = resources.map((r) => `${r.kind}/${r.metadata.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const resource of resources.filter((r) => r.kind !== 'Namespace')) {
      expect(resource.metadata.namespace, `${resource.kind}/${resource.metadata.name}`).toBe('participa');
    }
  });

  it('scales, budgets and serves only workloads that exist', () => {
    const workloads = resources.filter((r) => r.kind === 'Deployment' || r.kind === 'StatefulSet');
    for (const r of resources.filter(
      (r) => r.kind === 'HorizontalPodAutoscaler' || r.kind === 'ScaledObject',
    )) {
      expect(find(resources, 'Deployment', r.spec.scaleTargetRef.name), r.metadata.name).toBeDefined();
    }
    for (const r of resources.filter((r) => r.kind === 'PodDisruptionBudget' || r.kind === 'Service')) {
      const selector = r.kind === 'Service' ? r.spec.selector : r.spec.selector.matchLabels;
      const labels = (w: Resource) => w.spec.template.metadata.labels as Record<string, string>;
      const matched = workloads.filter((w) => Object.entries(selector).every(([k, v]) => labels(w)[k] === v));
      expect(matched.length, `${r.kind}/${r.metadata.name}`).toBe(1);
    }
  });

  it.skipIf(typeof models === 'string')('every resource is valid against its schema', () => {
    if (typeof models === 'string') return;
    const failures: string[] = [];
    for (const resource of resources) {
      const validate = models[`${resource.apiVersion}/${resource.kind}`];
      if (!validate) failures.push(`${resource.apiVersion} ${resource.kind}: no schema to validate it`);
      else {
        try {
          validate(resource);
        } catch (error) {
          failures.push(`${resource.kind}/${resource.metadata.name}: ${(error as Error).message}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
  if (typeof models === 'string') console.warn(`Schema validation skipped: ${models}`);

  it.skipIf(typeof models === 'string')('the validators reject broken resources', () => {
    if (typeof models === 'string') return;
    const broken = (kind: string, name: string, breakIt: (resource: Resource) => void) => {
      const resource = structuredClone(find(resources, kind, name)!);
      breakIt(resource);
      return () => models[`${resource.apiVersion}/${resource.kind}`]!(resource);
    };
    expect(
      broken('Deployment', 'participa-gateway', (r) => {
        r.spec.template.spec.containers[0].ports[0].containerPort = 'cuatro mil';
      }),
    ).toThrow(/containerPort/);
    expect(
      broken('ScaledObject', 'participa-notifications-worker', (r) => delete r.spec.scaleTargetRef),
    ).toThrow(/scaleTargetRef/);
    expect(broken('Cluster', 'participa-pg', (r) => (r.spec.instances = 0))).toThrow(/instances/);
    expect(broken('Database', 'participa-pg-feedback', (r) => delete r.spec.owner)).toThrow(/owner/);
    expect(broken('ScheduledBackup', 'participa-pg-nightly', (r) => (r.spec.schedule = '0 3 * * *'))).toThrow(
      /schedule/,
    );
  });

  it('has no field Kubernetes does not know in pods, containers, probes and security contexts', () => {
    expect(unknownFields(resources)).toEqual([]);
    const typo = structuredClone(find(resources, 'Deployment', 'participa-territory')!);
    const [container] = typo.spec.template.spec.containers;
    container.livenesProbe = container.livenessProbe;
    container.securityContext.readOnlyRootFileSystem = true;
    expect(unknownFields([typo])).toEqual([
      'participa-territory/app: livenesProbe',
      'participa-territory/app securityContext: readOnlyRootFileSystem',
    ]);
  });

  it('deploys every process of the repository with probes, Service, autoscaling, budget and policy', () => {
    expect(processes.filter((p) => p.kind === 'subgraph').length).toBeGreaterThanOrEqual(6);
    expect(processes.filter((p) => p.kind === 'worker').length).toBeGreaterThanOrEqual(5);
    expect(coverageProblems(resources, processes)).toEqual([]);
  });

  it('notices a process removed from the manifests', () => {
    const without = resources.filter((r) => r.metadata.name !== 'participa-feedback-worker');
    expect(coverageProblems(without, processes)).toEqual(['participa-feedback-worker: no Deployment']);
    const noPolicy = resources.filter(
      (r) => !(r.kind === 'NetworkPolicy' && r.metadata.name === 'participa-planning'),
    );
    expect(coverageProblems(noPolicy, processes)).toEqual([
      'participa-planning: no NetworkPolicy of its own',
    ]);
  });

  it('holds no secret value: secrets only by secretKeyRef', () => {
    expect(secretValues(resources)).toEqual([]);
    const leaked = structuredClone(find(resources, 'Deployment', 'participa-gateway')!);
    leaked.spec.template.spec.containers[0].env.push({
      name: 'GATEWAY_SIGNING_SECRET',
      value: 'x'.repeat(32),
    });
    expect(secretValues([leaked])).toHaveLength(1);
  });

  it('runs every container unprivileged, read-only, with requests and limits', () => {
    for (const resource of resources) {
      for (const spec of podSpecs(resource))
        expect(spec.automountServiceAccountToken, resource.metadata.name).toBe(false);
      for (const container of containersOf(resource)) {
        const where = `${resource.metadata.name}/${container.name}`;
        expect(container.securityContext, where).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(container.resources?.requests, where).toMatchObject({
          cpu: expect.any(String),
          memory: expect.any(String),
        });
        expect(container.resources?.limits?.memory, where).toEqual(expect.any(String));
      }
    }
  });

  it('runs the published image everywhere the platform runs, and the migration before rollout', () => {
    const images = resources.flatMap(containersOf).map((c) => c.image as string);
    expect(
      images
        .filter((image) => image.includes('participa-salud'))
        .every((i) => /\/participa-salud:[\w.-]+$/.test(i)),
    ).toBe(true);
    const job = find(resources, 'Job', 'participa-migrate')!;
    expect(job.metadata.annotations?.['argocd.argoproj.io/hook']).toBe('PreSync');
    const env = containersOf(job)[0]!.env.find((v: Manifest) => v.name === 'ENTRY');
    expect(env.value).toBe('gateway/dist/migrate.js');
    expect(existsSync(path.join(root, 'gateway/src/migrate.ts'))).toBe(true);
    // The image runs `node --conditions=participa-dist "$ENTRY"` (infra/Dockerfile).
    expect(readFileSync(path.join(root, 'infra/Dockerfile'), 'utf8')).toContain(
      'exec node --conditions=participa-dist',
    );
    for (const process of processes) {
      const database = `${process.service.toUpperCase()}_DATABASE_URL`;
      if (process.kind !== 'gateway') {
        expect(
          containersOf(job)[0]!.env.some((v: Manifest) => v.name === database),
          database,
        ).toBe(true);
      }
    }
  });

  it('lets only services, workers and the migration reach PostgreSQL and Redis; the gateway in from outside', () => {
    for (const name of ['participa-postgres', 'participa-redis']) {
      const policy = find(resources, 'NetworkPolicy', name)!;
      const components = policy.spec.ingress
        .flatMap((rule: Manifest) => rule.from ?? [])
        .flatMap((peer: Manifest) => peer.podSelector?.matchExpressions ?? [])
        .flatMap((expression: Manifest) => expression.values);
      expect(components, name).not.toContain('gateway');
      expect(components, name).toContain('worker');
    }
    const ingresses = resources.filter((r) => r.kind === 'Ingress');
    const backends = ingresses.flatMap((i) =>
      i.spec.rules.flatMap((rule: Manifest) => rule.http.paths.map((p: Manifest) => p.backend.service.name)),
    );
    expect(new Set(backends)).toEqual(new Set(['participa-gateway']));
    expect(find(resources, 'NetworkPolicy', 'participa-default-deny')?.spec.podSelector).toEqual({});
  });

  it('keeps a database per service in CloudNativePG, backed up on a schedule, and Redis persistent', () => {
    const databases = resources.filter((r) => r.kind === 'Database').map((r) => r.spec.name);
    const services = [...new Set(processes.filter((p) => p.kind !== 'gateway').map((p) => p.service))];
    expect(databases.sort()).toEqual(services.sort());
    const cluster = find(resources, 'Cluster', 'participa-pg')!;
    expect(cluster.spec.plugins[0]).toMatchObject({
      isWALArchiver: true,
      parameters: { barmanObjectName: 'participa-backups' },
    });
    expect(find(resources, 'ScheduledBackup', 'participa-pg-nightly')?.spec.cluster.name).toBe(
      'participa-pg',
    );
    const redis = find(resources, 'StatefulSet', 'participa-redis')!;
    expect(redis.spec.template.spec.containers[0].args.join(' ')).toContain('--appendonly yes');
    expect(redis.spec.volumeClaimTemplates[0].metadata.name).toBe('data');
  });
});
