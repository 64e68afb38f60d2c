/** The "Cali Conecta" commitment act of 27 November 2024 (seed document 001). */
export const CALI_CONECTA = {
  title: 'Acta de compromiso con la participación social en salud',
  eventName: 'Cali Conecta: Encuentro de las Asociaciones de Usuarios de las Empresas Sociales del Estado',
  date: '2024-11-27',
  place: 'Santiago de Cali',
  summary:
    'Evento organizado por los Equipos de Participación Social de las E.S.E. del Distrito de Santiago de Cali para el intercambio de experiencias, la presentación de estrategias y el fortalecimiento de la participación social en salud, en ejecución de la Resolución 2063 de 2017.',
  networks: ['CENTRO', 'NORTE', 'ORIENTE', 'LADERA', 'SURORIENTE'],
  /** [description, responsible organization (seed key), due date, status, follow-up note] */
  commitments: [
    [
      'Impulsar la implementación efectiva de la política de participación social en salud a nivel territorial.',
      'secretaria',
      '2025-12-31',
      'IN_PROGRESS',
      'Planes 2025 de las cinco E.S.E. en formulación y revisión.',
    ],
    [
      'Fortalecer la articulación y colaboración entre las entidades del sector salud, las asociaciones de usuarios y los actores sociales.',
      'asou-CENTRO',
      '2025-06-30',
      'FULFILLED',
      'Mesa distrital de asociaciones de usuarios instalada.',
    ],
    [
      'Promover la inclusión de los grupos de valor en los procesos de toma de decisiones en salud, garantizando que los recursos y esfuerzos se distribuyan equitativamente para alcanzar una participación plena y efectiva.',
      'asou-ORIENTE',
      '2025-09-30',
      'PENDING',
      null,
    ],
    [
      'Desarrollar mecanismos adecuados para identificar y superar las limitantes en la ejecución de la política de participación social.',
      'asou-NORTE',
      '2025-03-31',
      'PENDING',
      null,
    ],
    [
      'Facilitar la creación de espacios de diálogo y reflexión para el intercambio de experiencias entre las asociaciones de usuarios, las E.S.E. y las autoridades.',
      'asou-LADERA',
      '2025-08-31',
      'IN_PROGRESS',
      'Primer encuentro de intercambio realizado en la Red de Ladera.',
    ],
    [
      'Fortalecer el apoyo financiero para asegurar un cumplimiento efectivo de los planes anuales de la política pública de participación social.',
      'secretaria',
      '2026-06-30',
      'PENDING',
      null,
    ],
  ] as const,
  /** [name, organization (seed key), role] */
  signatories: [
    ['María Eugenia Cárdenas', 'asou-CENTRO', 'Presidenta de la asociación de usuarios'],
    ['Héctor Fabio Mosquera', 'asou-NORTE', 'Presidente de la asociación de usuarios'],
    ['Luz Dary Angulo', 'asou-ORIENTE', 'Presidenta de la asociación de usuarios'],
    ['Rosa Elena Quintero', 'asou-LADERA', 'Presidenta de la asociación de usuarios'],
    ['Carlos Alberto Riascos', 'asou-SURORIENTE', 'Presidente de la asociación de usuarios'],
    ['Equipo de Participación Social', 'secretaria', 'Secretaría de Salud Pública Distrital'],
  ] as const,
};
