/**
 * Cali's health networks and political-administrative division: 22 comunas and 15 corregimientos,
 * each served by one Empresa Social del Estado. Red de Salud Centro's comunas (8–12) are those of
 * its 2023 participation work plan; the secretariat can correct any assignment in the graph.
 */
export const NETWORKS = [
  { code: 'CENTRO', name: 'Red de Salud del Centro E.S.E.' },
  { code: 'NORTE', name: 'Red de Salud del Norte E.S.E.' },
  { code: 'ORIENTE', name: 'Red de Salud del Oriente E.S.E.' },
  { code: 'LADERA', name: 'Red de Salud de Ladera E.S.E.' },
  { code: 'SURORIENTE', name: 'Red de Salud del Suroriente E.S.E.' },
] as const;

export type NetworkCode = (typeof NETWORKS)[number]['code'];

const COMUNA_NETWORK: Record<number, NetworkCode> = {
  1: 'LADERA',
  2: 'NORTE',
  3: 'LADERA',
  4: 'NORTE',
  5: 'NORTE',
  6: 'NORTE',
  7: 'NORTE',
  8: 'CENTRO',
  9: 'CENTRO',
  10: 'CENTRO',
  11: 'CENTRO',
  12: 'CENTRO',
  13: 'ORIENTE',
  14: 'ORIENTE',
  15: 'ORIENTE',
  16: 'SURORIENTE',
  17: 'LADERA',
  18: 'LADERA',
  19: 'LADERA',
  20: 'LADERA',
  21: 'ORIENTE',
  22: 'LADERA',
};

export const COMUNAS = Array.from({ length: 22 }, (_, i) => ({
  code: `C${String(i + 1).padStart(2, '0')}`,
  name: `Comuna ${i + 1}`,
  network: COMUNA_NETWORK[i + 1]!,
}));

/** The fifteen corregimientos of rural Cali (numbered 51–65), all served by Ladera. */
export const CORREGIMIENTOS = [
  'Navarro',
  'El Hormiguero',
  'Pance',
  'La Buitrera',
  'Villacarmelo',
  'Los Andes',
  'Pichindé',
  'La Leonera',
  'Felidia',
  'El Saladito',
  'La Elvira',
  'La Castilla',
  'La Paz',
  'Montebello',
  'Golondrinas',
].map((name, i) => ({ code: `R${51 + i}`, name, network: 'LADERA' as NetworkCode }));

/** Barrios of Red de Salud Centro's comunas, and some veredas, as children of their territory. */
export const CHILD_TERRITORIES: Record<string, { kind: 'BARRIO' | 'VEREDA'; names: string[] }> = {
  C08: {
    kind: 'BARRIO',
    names: [
      'Primitivo Crespo',
      'Saavedra Galindo',
      'Atanasio Girardot',
      'Villa Colombia',
      'La Floresta',
      'Benjamín Herrera',
      'Chapinero',
      'El Troncal',
      'Las Américas',
    ],
  },
  C09: {
    kind: 'BARRIO',
    names: [
      'Alameda',
      'Bretaña',
      'Junín',
      'Guayaquil',
      'Aranjuez',
      'Sucre',
      'Obrero',
      'El Calvario',
      'San Pascual',
    ],
  },
  C10: {
    kind: 'BARRIO',
    names: [
      'El Dorado',
      'El Guabal',
      'La Libertad',
      'Santo Domingo',
      'Departamental',
      'Pasoancho',
      'Panamericano',
      'Colseguros Andes',
      'Cristóbal Colón',
      'San Judas Tadeo',
    ],
  },
  C11: {
    kind: 'BARRIO',
    names: [
      'San Carlos',
      'Maracaibo',
      'La Independencia',
      'La Esperanza',
      'Urbanización Boyacá',
      'El Jardín',
      'La Fortaleza',
      'El Recuerdo',
      'Aguablanca',
      'Los Conquistadores',
      'San Benito',
      'Prados de Oriente',
    ],
  },
  C12: {
    kind: 'BARRIO',
    names: [
      'Villanueva',
      'Asturias',
      'Eduardo Santos',
      'Alfonso Barberena',
      'El Paraíso',
      'Fenalco Kennedy',
      'Nueva Floresta',
      'Julio Rincón',
      'Doce de Octubre',
      'El Rodeo',
      'Sindical',
      'Bello Horizonte',
    ],
  },
  R53: { kind: 'VEREDA', names: ['Pance Cabecera', 'La Vorágine', 'San Francisco', 'El Pato'] },
  R56: { kind: 'VEREDA', names: ['Los Andes Cabecera', 'Pueblo Nuevo', 'El Cabuyal', 'Atenas'] },
  R59: { kind: 'VEREDA', names: ['Felidia Cabecera', 'El Diamante', 'La Esperanza', 'Las Nieves'] },
};

export function childCode(parentCode: string, index: number): string {
  return `${parentCode}-${String(index + 1).padStart(2, '0')}`;
}
