/**
 * A small kustomize, enough to render this repository's overlays without the kustomize binary:
 * `resources` (files and directories), `namespace`, `images` and `patches` by `path` (strategic merge
 * by kind and name: maps merge, `null` deletes, lists of objects with a `name` merge by name, other
 * lists are replaced). Any other kustomization field fails loudly, so a manifest that needs more of
 * kustomize fails here instead of being rendered wrong.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

// biome-ignore lint/suspicious/noExplicitAny: manifests are free-form until a model validates them
export type Manifest = any;

export interface Resource {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: Manifest;
}

const SUPPORTED = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'images', 'patches']);
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
]);

interface Image {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

export function readYamlDocuments(file: string): Resource[] {
  const documents = parseAllDocuments(readFileSync(file, 'utf8'));
  const resources: Resource[] = [];
  for (const document of documents) {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]!.message}`);
    const value = document.toJS();
    if (value == null) continue;
    resources.push(value as Resource);
  }
  return resources;
}

/** The resources `kubectl apply -k directory` would send, in order. */
export function renderKustomization(directory: string): Resource[] {
  const file = path.join(directory, 'kustomization.yaml');
  if (!existsSync(file)) throw new Error(`${directory}: no kustomization.yaml`);
  const [kustomization] = readYamlDocuments(file);
  if (!kustomization) throw new Error(`${file} is empty`);
  for (const field of Object.keys(kustomization)) {
    if (!SUPPORTED.has(field)) throw new Error(`${file}: "${field}" is not supported by this renderer`);
  }
  let resources: Resource[] = [];
  for (const entry of (kustomization.resources ?? []) as string[]) {
    const target = path.resolve(directory, entry);
    resources.push(
      ...(statSync(target).isDirectory() ? renderKustomization(target) : readYamlDocuments(target)),
    );
  }
  for (const patch of (kustomization.patches ?? []) as { path?: string }[]) {
    if (!patch.path || Object.keys(patch).length !== 1) {
      throw new Error(`${file}: only patches given by "path" are supported`);
    }
    for (const document of readYamlDocuments(path.resolve(directory, patch.path))) {
      const index = resources.findIndex((resource) => sameObject(resource, document));
      if (index < 0) {
        throw new Error(`${patch.path}: no ${document.kind} ${document.metadata?.name} to patch`);
      }
      resources[index] = strategicMerge(resources[index], document) as Resource;
    }
  }
  for (const image of (kustomization.images ?? []) as Image[])
    resources = resources.map((r) => setImage(r, image));
  const namespace = kustomization.namespace as string | undefined;
  if (namespace) {
    for (const resource of resources) {
      if (!CLUSTER_SCOPED.has(resource.kind)) resource.metadata.namespace = namespace;
    }
  }
  return resources;
}

const group = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');

function sameObject(resource: Resource, patch: Resource): boolean {
  return (
    resource.kind === patch.kind &&
    group(resource.apiVersion) === group(patch.apiVersion) &&
    resource.metadata.name === patch.metadata?.name
  );
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function strategicMerge(base: unknown, patch: unknown): unknown {
  if (isObject(base) && isObject(patch)) {
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete merged[key];
      else merged[key] = key in base ? strategicMerge(base[key], value) : value;
    }
    return merged;
  }
  if (
    Array.isArray(base) &&
    Array.isArray(patch) &&
    [...base, ...patch].every((item) => isObject(item) && 'name' in item)
  ) {
    const merged = base.map((item) => {
      const update = patch.find((candidate) => candidate.name === item.name);
      return update ? strategicMerge(item, update) : item;
    });
    for (const item of patch) if (!base.some((existing) => existing.name === item.name)) merged.push(item);
    return merged;
  }
  return structuredClone(patch);
}

/** Every pod template of a workload (Deployment, StatefulSet, Job, CronJob). */
export function podSpecs(resource: Resource): Record<string, unknown>[] {
  const spec = resource.spec?.template?.spec ?? resource.spec?.jobTemplate?.spec?.template?.spec;
  return spec ? [spec] : [];
}

export function containersOf(resource: Resource): Record<string, Manifest>[] {
  return podSpecs(resource).flatMap((spec) => [
    ...((spec.initContainers as Record<string, Manifest>[]) ?? []),
    ...((spec.containers as Record<string, Manifest>[]) ?? []),
  ]);
}

function setImage(resource: Resource, image: Image): Resource {
  for (const container of containersOf(resource)) {
    const reference = String(container.image);
    const withoutDigest = reference.split('@')[0]!;
    const name = withoutDigest.replace(/:[^/:]+$/, '');
    if (name !== image.name) continue;
    const tag = image.newTag ?? withoutDigest.slice(name.length + 1);
    const newName = image.newName ?? name;
    container.image = image.digest ? `${newName}@${image.digest}` : tag ? `${newName}:${tag}` : newName;
  }
  return resource;
}
