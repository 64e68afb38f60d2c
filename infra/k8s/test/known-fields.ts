/**
 * kubernetes-models' validators accept fields they do not know, so a typo (`livenesProbe`,
 * `readOnlyRootFileSystem`) would pass unseen. These lists are the fields of the models' own types:
 * `Fields<T>` makes the typecheck fail if one is missing or extra, so they follow kubernetes-models.
 */
import type {
  IContainer,
  IPodSecurityContext,
  IPodSpec,
  IProbe,
  ISecurityContext,
} from 'kubernetes-models/v1';
import { type Manifest, podSpecs, type Resource } from './render.ts';

type Fields<T> = Record<keyof Required<T>, true>;

const POD_SPEC: Fields<IPodSpec> = {
  activeDeadlineSeconds: true,
  affinity: true,
  automountServiceAccountToken: true,
  containers: true,
  dnsConfig: true,
  dnsPolicy: true,
  enableServiceLinks: true,
  ephemeralContainers: true,
  hostAliases: true,
  hostIPC: true,
  hostNetwork: true,
  hostPID: true,
  hostUsers: true,
  hostname: true,
  hostnameOverride: true,
  imagePullSecrets: true,
  initContainers: true,
  nodeName: true,
  nodeSelector: true,
  os: true,
  overhead: true,
  preemptionPolicy: true,
  priority: true,
  priorityClassName: true,
  readinessGates: true,
  resourceClaims: true,
  resources: true,
  restartPolicy: true,
  runtimeClassName: true,
  schedulerName: true,
  schedulingGates: true,
  schedulingGroup: true,
  securityContext: true,
  serviceAccount: true,
  serviceAccountName: true,
  setHostnameAsFQDN: true,
  shareProcessNamespace: true,
  subdomain: true,
  terminationGracePeriodSeconds: true,
  tolerations: true,
  topologySpreadConstraints: true,
  volumes: true,
};
const CONTAINER: Fields<IContainer> = {
  args: true,
  command: true,
  env: true,
  envFrom: true,
  image: true,
  imagePullPolicy: true,
  lifecycle: true,
  livenessProbe: true,
  name: true,
  ports: true,
  readinessProbe: true,
  resizePolicy: true,
  resources: true,
  restartPolicy: true,
  restartPolicyRules: true,
  securityContext: true,
  startupProbe: true,
  stdin: true,
  stdinOnce: true,
  terminationMessagePath: true,
  terminationMessagePolicy: true,
  tty: true,
  volumeDevices: true,
  volumeMounts: true,
  workingDir: true,
};
const PROBE: Fields<IProbe> = {
  exec: true,
  failureThreshold: true,
  grpc: true,
  httpGet: true,
  initialDelaySeconds: true,
  periodSeconds: true,
  successThreshold: true,
  tcpSocket: true,
  terminationGracePeriodSeconds: true,
  timeoutSeconds: true,
};
const SECURITY_CONTEXT: Fields<ISecurityContext> = {
  allowPrivilegeEscalation: true,
  appArmorProfile: true,
  capabilities: true,
  privileged: true,
  procMount: true,
  readOnlyRootFilesystem: true,
  runAsGroup: true,
  runAsNonRoot: true,
  runAsUser: true,
  seLinuxOptions: true,
  seccompProfile: true,
  windowsOptions: true,
};
const POD_SECURITY_CONTEXT: Fields<IPodSecurityContext> = {
  appArmorProfile: true,
  fsGroup: true,
  fsGroupChangePolicy: true,
  runAsGroup: true,
  runAsNonRoot: true,
  runAsUser: true,
  seLinuxChangePolicy: true,
  seLinuxOptions: true,
  seccompProfile: true,
  supplementalGroups: true,
  supplementalGroupsPolicy: true,
  sysctls: true,
  windowsOptions: true,
};

/** Fields of pod specs, containers, probes and security contexts that Kubernetes does not have. */
export function unknownFields(resources: Resource[]): string[] {
  const found: string[] = [];
  const check = (where: string, value: Manifest, known: Record<string, true>) => {
    for (const key of Object.keys(value ?? {})) if (!(key in known)) found.push(`${where}: ${key}`);
  };
  for (const resource of resources) {
    for (const spec of podSpecs(resource)) {
      const name = resource.metadata.name;
      check(name, spec, POD_SPEC);
      check(`${name} securityContext`, spec.securityContext, POD_SECURITY_CONTEXT);
      for (const container of [
        ...((spec.initContainers as Manifest[]) ?? []),
        ...(spec.containers as Manifest[]),
      ]) {
        const where = `${name}/${container.name}`;
        check(where, container, CONTAINER);
        check(`${where} securityContext`, container.securityContext, SECURITY_CONTEXT);
        for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
          check(`${where} ${probe}`, container[probe], PROBE);
        }
      }
    }
  }
  return found;
}
