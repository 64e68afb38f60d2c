/**
 * JSON schemas for the CloudNativePG resources of the manifests. No npm package carries models of
 * CloudNativePG's CRDs, so these are written by hand from the CRDs (postgresql.cnpg.io/v1 Cluster,
 * Database, ScheduledBackup; barmancloud.cnpg.io/v1 ObjectStore of the Barman Cloud plugin): their
 * required fields, the types and enums of the fields these manifests use, and no unknown field in
 * the parts written here, so a typo fails. Not the full CRDs: a field added to the manifests must be
 * added here too.
 */
const name = { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' } as const;
const reference = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name },
} as const;
const secretKey = {
  type: 'object',
  required: ['name', 'key'],
  additionalProperties: false,
  properties: { name, key: { type: 'string', minLength: 1 } },
} as const;
const quantity = { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?(m|Ki|Mi|Gi|Ti)?$' } as const;
const storage = {
  type: 'object',
  additionalProperties: false,
  properties: { size: quantity, storageClass: { type: 'string' }, resizeInUseVolumes: { type: 'boolean' } },
} as const;
const resources = {
  type: 'object',
  additionalProperties: false,
  properties: {
    requests: { type: 'object', additionalProperties: quantity },
    limits: { type: 'object', additionalProperties: quantity },
  },
} as const;
const metadata = {
  type: 'object',
  required: ['name'],
  properties: { name, namespace: name, labels: { type: 'object' }, annotations: { type: 'object' } },
} as const;
const resource = (apiVersion: string, kind: string, spec: object) => ({
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  additionalProperties: false,
  properties: { apiVersion: { const: apiVersion }, kind: { const: kind }, metadata, spec },
});
const compression = { enum: ['bzip2', 'gzip', 'lz4', 'snappy', 'xz', 'zstd'] } as const;

export const CNPG_SCHEMAS: Record<string, object> = {
  'postgresql.cnpg.io/v1/Cluster': resource('postgresql.cnpg.io/v1', 'Cluster', {
    type: 'object',
    required: ['instances'],
    additionalProperties: false,
    properties: {
      instances: { type: 'integer', minimum: 1 },
      imageName: { type: 'string' },
      primaryUpdateStrategy: { enum: ['unsupervised', 'supervised'] },
      enablePDB: { type: 'boolean' },
      storage,
      walStorage: storage,
      resources,
      postgresql: {
        type: 'object',
        properties: { parameters: { type: 'object', additionalProperties: { type: 'string' } } },
      },
      bootstrap: {
        type: 'object',
        additionalProperties: false,
        properties: {
          initdb: {
            type: 'object',
            additionalProperties: false,
            properties: {
              database: { type: 'string' },
              owner: { type: 'string' },
              secret: reference,
              postInitSQL: { type: 'array', items: { type: 'string' } },
            },
          },
          recovery: {
            type: 'object',
            properties: {
              source: { type: 'string' },
              database: { type: 'string' },
              owner: { type: 'string' },
            },
          },
        },
      },
      plugins: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: {
            name: { type: 'string' },
            enabled: { type: 'boolean' },
            isWALArchiver: { type: 'boolean' },
            parameters: { type: 'object', additionalProperties: { type: 'string' } },
          },
        },
      },
      externalClusters: { type: 'array', items: { type: 'object', required: ['name'] } },
    },
  }),
  'postgresql.cnpg.io/v1/Database': resource('postgresql.cnpg.io/v1', 'Database', {
    type: 'object',
    required: ['cluster', 'name', 'owner'],
    additionalProperties: false,
    properties: {
      cluster: reference,
      name: { type: 'string', minLength: 1 },
      owner: { type: 'string', minLength: 1 },
      ensure: { enum: ['present', 'absent'] },
      databaseReclaimPolicy: { enum: ['delete', 'retain'] },
    },
  }),
  'postgresql.cnpg.io/v1/ScheduledBackup': resource('postgresql.cnpg.io/v1', 'ScheduledBackup', {
    type: 'object',
    required: ['cluster', 'schedule'],
    additionalProperties: false,
    properties: {
      cluster: reference,
      // Six fields: seconds first (robfig/cron), unlike a CronJob's five.
      schedule: { type: 'string', pattern: '^\\S+( \\S+){5}$' },
      immediate: { type: 'boolean' },
      suspend: { type: 'boolean' },
      backupOwnerReference: { enum: ['none', 'self', 'cluster'] },
      method: { enum: ['barmanObjectStore', 'volumeSnapshot', 'plugin'] },
      pluginConfiguration: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: { name: { type: 'string' }, parameters: { type: 'object' } },
      },
      target: { enum: ['primary', 'prefer-standby'] },
    },
  }),
  'barmancloud.cnpg.io/v1/ObjectStore': resource('barmancloud.cnpg.io/v1', 'ObjectStore', {
    type: 'object',
    required: ['configuration'],
    additionalProperties: false,
    properties: {
      retentionPolicy: { type: 'string', pattern: '^[1-9][0-9]*[dwm]$' },
      configuration: {
        type: 'object',
        required: ['destinationPath'],
        additionalProperties: false,
        properties: {
          destinationPath: { type: 'string', pattern: '^(s3|gs|https?)://' },
          endpointURL: { type: 'string', pattern: '^https?://' },
          serverName: { type: 'string' },
          s3Credentials: {
            type: 'object',
            additionalProperties: false,
            properties: {
              accessKeyId: secretKey,
              secretAccessKey: secretKey,
              region: secretKey,
              sessionToken: secretKey,
              inheritFromIAMRole: { type: 'boolean' },
            },
          },
          wal: {
            type: 'object',
            additionalProperties: false,
            properties: { compression, maxParallel: { type: 'integer', minimum: 1 } },
          },
          data: {
            type: 'object',
            additionalProperties: false,
            properties: { compression, jobs: { type: 'integer', minimum: 1 } },
          },
        },
      },
    },
  }),
};
