/** Red de Salud Centro E.S.E.: its 2023 plan for the PPSS (seed document 000), comunas 8–12. */
type Budget = [
  resource: 'HUMAN' | 'FINANCIAL' | 'MATERIAL' | 'TECHNOLOGICAL',
  source: 'MUNICIPAL_BUDGET' | 'OWN_RESOURCES' | 'NATIONAL' | 'COOPERATION' | 'OTHER',
  description: string,
  planned: number,
  executed: number,
];

export interface DemoActivity {
  title: string;
  description: string;
  axes: string[];
  lines: string[];
  comunas: string[];
  organizations: string[];
  procedures: ('PLANEACION_PARTICIPATIVA' | 'CONTROL_SOCIAL' | 'PROMOCION_PARTICIPACION')[];
  phases: ('DIAGNOSTICO' | 'FORMULACION' | 'IMPLEMENTACION' | 'SEGUIMIENTO' | 'EVALUACION')[];
  start: string;
  end: string;
  goal: number;
  unit: string;
  executed: number;
  budget: Budget[];
}

const ALL = ['C08', 'C09', 'C10', 'C11', 'C12'];

export const CENTRO_2023 = {
  title:
    'Plan de trabajo para la implementación de la Política Pública de Participación Social en Salud 2023',
  generalObjective:
    'Implementar acciones estratégicas para fortalecer la participación activa de la comunidad en los procesos de salud en las comunas 8, 9, 10, 11 y 12 de la ciudad de Santiago de Cali, promoviendo la inclusión, el empoderamiento y la toma de decisiones colectivas en el ámbito de la salud pública, con el fin de mejorar el acceso, la calidad y la equidad en los servicios de salud para la población de estas zonas.',
  specificObjectives: [
    'Fomentar la educación y capacitación comunitaria sobre los derechos en salud, mecanismos de participación y el rol de la ciudadanía en la toma de decisiones sanitarias, mediante talleres, charlas y programas formativos en las comunas 8, 9, 10, 11 y 12.',
    'Fortalecer las redes de participación social en salud, promoviendo la creación y consolidación de espacios de diálogo entre la comunidad, autoridades de salud y otros actores clave, como organizaciones sociales y grupos vulnerables.',
    'Implementar mecanismos de retroalimentación continua y seguimiento de las acciones en salud, utilizando herramientas digitales y físicas, para que la comunidad pueda expresar sus necesidades, inquietudes y evaluar la efectividad de las políticas y servicios de salud ofrecidos en las comunas.',
    'Incentivar la creación de comités de salud comunitarios que participen activamente en la planificación, ejecución y monitoreo de programas de salud, garantizando que las intervenciones respondan a las demandas específicas de cada comuna.',
    'Promover la integración de la perspectiva de género, diversidad cultural y atención a poblaciones vulnerables en las acciones de participación social en salud, asegurando que todos los grupos sociales tengan representación y acceso igualitario a los procesos de decisión.',
    'Desarrollar campañas de sensibilización sobre la importancia de la participación social en salud, utilizando medios de comunicación local, redes sociales y actividades comunitarias, para movilizar a la población hacia una mayor involucración en los asuntos relacionados con la salud pública.',
    'Evaluar el impacto de las acciones de participación social mediante indicadores cualitativos y cuantitativos, con el fin de ajustar y mejorar las estrategias implementadas, asegurando la efectividad y sostenibilidad de los procesos participativos en salud.',
  ],
  activities: [
    {
      title:
        'Gestionar recursos financieros para el desarrollo de las actividades de la Política Pública de Participación Social en Salud',
      description:
        'Identificar y asegurar fondos del presupuesto municipal y recursos propios de la Red de Salud Centro ESE, optimizar los recursos disponibles y rendir cuentas de su uso eficiente y transparente.',
      axes: ['EJE1'],
      lines: ['L1.1'],
      comunas: ALL,
      organizations: ['secretaria'],
      procedures: ['PLANEACION_PARTICIPATIVA'],
      phases: ['FORMULACION', 'SEGUIMIENTO'],
      start: '2023-02-01',
      end: '2023-12-15',
      goal: 2,
      unit: 'fuentes de financiación gestionadas',
      executed: 2,
      budget: [
        [
          'HUMAN',
          'OWN_RESOURCES',
          'Profesional del equipo de participación social (gestión)',
          12_000_000,
          12_000_000,
        ],
      ],
    },
    {
      title: 'Elaborar instrumentos y talleres educativos, así como el uso de medios virtuales',
      description:
        'Cartillas, guías, videos y presentaciones sobre derechos en salud y mecanismos de participación; talleres presenciales y virtuales sobre prevención de enfermedades, acceso a los servicios y portafolio.',
      axes: ['EJE2', 'EJE3'],
      lines: ['L2.1', 'L3.1'],
      comunas: ALL,
      organizations: ['asou-CENTRO'],
      procedures: ['PROMOCION_PARTICIPACION'],
      phases: ['IMPLEMENTACION'],
      start: '2023-03-01',
      end: '2023-11-30',
      goal: 20,
      unit: 'talleres',
      executed: 16,
      budget: [
        ['MATERIAL', 'MUNICIPAL_BUDGET', 'Impresión de cartillas y guías', 6_500_000, 5_800_000],
        ['TECHNOLOGICAL', 'OWN_RESOURCES', 'Producción de videos y plataforma virtual', 4_000_000, 3_200_000],
      ],
    },
    {
      title:
        'Articular con la Secretaría de Salud Pública Municipal capacitaciones en presupuestación participativa y control social',
      description:
        'Capacitaciones para que la ciudadanía comprenda la asignación de recursos, identifique prioridades en salud y ejerza control social sobre el gasto público en salud.',
      axes: ['EJE4', 'EJE5'],
      lines: ['L4.1', 'L5.1'],
      comunas: ALL,
      organizations: ['secretaria', 'veeduria-c10'],
      procedures: ['CONTROL_SOCIAL', 'PLANEACION_PARTICIPATIVA'],
      phases: ['IMPLEMENTACION'],
      start: '2023-04-01',
      end: '2023-10-31',
      goal: 6,
      unit: 'capacitaciones',
      executed: 6,
      budget: [
        ['HUMAN', 'MUNICIPAL_BUDGET', 'Facilitadores de la Secretaría (contrapartida)', 3_000_000, 3_000_000],
      ],
    },
    {
      title: 'Identificar atención con enfoque diferencial',
      description:
        'Identificar mujeres, niños, adultos mayores, personas con discapacidad, indígenas y afrodescendientes en las comunas, crear espacios de atención específicos y capacitar al personal de salud.',
      axes: ['EJE3', 'EJE1'],
      lines: ['L3.3', 'L1.2'],
      comunas: ['C11', 'C12'],
      organizations: ['mujeres-c11'],
      procedures: ['PROMOCION_PARTICIPACION'],
      phases: ['DIAGNOSTICO', 'IMPLEMENTACION'],
      start: '2023-03-15',
      end: '2023-12-15',
      goal: 4,
      unit: 'espacios de atención diferencial',
      executed: 2,
      budget: [['HUMAN', 'OWN_RESOURCES', 'Capacitación al personal asistencial', 2_500_000, 1_200_000]],
    },
    {
      title: 'Portafolio de servicios',
      description:
        'Elaborar y distribuir el portafolio de servicios de la Red de Salud del Centro por redes sociales, folletos y puntos de información en las comunas, con campañas sobre los servicios más demandados.',
      axes: ['EJE3'],
      lines: ['L3.2'],
      comunas: ALL,
      organizations: ['asou-CENTRO'],
      procedures: ['PROMOCION_PARTICIPACION'],
      phases: ['IMPLEMENTACION'],
      start: '2023-02-15',
      end: '2023-06-30',
      goal: 5000,
      unit: 'folletos distribuidos',
      executed: 5000,
      budget: [['MATERIAL', 'OWN_RESOURCES', 'Diseño e impresión de folletos', 3_500_000, 3_650_000]],
    },
    {
      title: 'Desarrollar metodologías con los usuarios en temas de informática y las TIC',
      description:
        'Talleres y cursos en los que los usuarios aprenden a usar portales web de salud y aplicaciones móviles.',
      axes: ['EJE2'],
      lines: ['L2.3'],
      comunas: ['C08', 'C09'],
      organizations: ['adulto-mayor-c08'],
      procedures: ['PROMOCION_PARTICIPACION'],
      phases: ['IMPLEMENTACION'],
      start: '2023-05-01',
      end: '2023-11-30',
      goal: 8,
      unit: 'cursos',
      executed: 3,
      budget: [['TECHNOLOGICAL', 'COOPERATION', 'Préstamo de equipos y conectividad', 2_000_000, 800_000]],
    },
    {
      title: 'Participación de las asociaciones de usuarios en temas de salud',
      description:
        'Encuentros periódicos entre autoridades sanitarias y asociaciones de usuarios para la defensa de derechos, el monitoreo de la calidad y la toma de decisiones conjunta.',
      axes: ['EJE2', 'EJE4'],
      lines: ['L2.2', 'L4.2'],
      comunas: ALL,
      organizations: ['asou-CENTRO', 'copaco-c09'],
      procedures: ['CONTROL_SOCIAL'],
      phases: ['SEGUIMIENTO'],
      start: '2023-01-15',
      end: '2023-12-15',
      goal: 12,
      unit: 'encuentros',
      executed: 10,
      budget: [
        ['MATERIAL', 'OWN_RESOURCES', 'Logística y refrigerios de los encuentros', 4_800_000, 4_000_000],
      ],
    },
    {
      title: 'Jornadas comunitarias con apoyo de los equipos de promoción y mantenimiento de la salud',
      description:
        'Consultas, vacunación, toma de signos vitales, orientación en salud preventiva y talleres educativos en zonas con dificultades de acceso.',
      axes: ['EJE3'],
      lines: ['L3.1'],
      comunas: ['C08', 'C10', 'C12'],
      organizations: ['jac-el-rodeo'],
      procedures: ['PROMOCION_PARTICIPACION'],
      phases: ['IMPLEMENTACION'],
      start: '2023-03-01',
      end: '2023-12-10',
      goal: 10,
      unit: 'jornadas',
      executed: 9,
      budget: [
        [
          'HUMAN',
          'MUNICIPAL_BUDGET',
          'Equipos de promoción y mantenimiento de la salud',
          15_000_000,
          13_500_000,
        ],
        ['MATERIAL', 'OWN_RESOURCES', 'Carpas, sillas y material educativo', 3_000_000, 2_700_000],
      ],
    },
    {
      title: 'Elaboración de cartografía social y mapa de actores',
      description:
        'Cartografías sociales de recursos, problemáticas y actores de cada comuna, y un mapa de actores de instituciones, organizaciones sociales y líderes comunitarios.',
      axes: ['EJE5', 'EJE1'],
      lines: ['L5.2'],
      comunas: ALL,
      organizations: ['asou-CENTRO', 'univalle'],
      procedures: ['PLANEACION_PARTICIPATIVA'],
      phases: ['DIAGNOSTICO'],
      start: '2023-02-01',
      end: '2023-08-31',
      goal: 5,
      unit: 'cartografías (una por comuna)',
      executed: 4,
      budget: [
        ['HUMAN', 'COOPERATION', 'Acompañamiento académico (Universidad del Valle)', 5_000_000, 5_000_000],
      ],
    },
  ] satisfies DemoActivity[],
};

/** Red de Salud del Norte: a 2025 plan submitted to the secretariat. */
export const NORTE_2025 = {
  title: 'Plan de acción de participación social en salud 2025',
  generalObjective:
    'Fortalecer la participación social en salud de las comunas 2, 4, 5, 6 y 7 mediante la formación de la ciudadanía, el trabajo con las asociaciones de usuarios y el control social a los servicios de la Red de Salud del Norte.',
  specificObjectives: [
    'Formar a líderes comunitarios en derechos en salud y mecanismos de participación.',
    'Acompañar a la asociación de usuarios en el seguimiento a la calidad de los servicios.',
    'Rendir cuentas a la comunidad sobre la ejecución del plan.',
  ],
  activities: [
    {
      title: 'Escuela de líderes en derechos y deberes en salud',
      description: 'Ciclo de formación para líderes de las comunas 4, 5 y 6.',
      axes: ['EJE2'],
      lines: ['L2.1'],
      comunas: ['C04', 'C05', 'C06'],
      organizations: ['asou-NORTE'],
      procedures: ['PROMOCION_PARTICIPACION'],
      phases: ['IMPLEMENTACION'],
      start: '2025-03-01',
      end: '2025-10-31',
      goal: 8,
      unit: 'sesiones',
      executed: 0,
      budget: [['HUMAN', 'MUNICIPAL_BUDGET', 'Facilitadores', 6_000_000, 0]],
    },
    {
      title: 'Seguimiento ciudadano a la calidad de los servicios',
      description:
        'Mesas trimestrales con la asociación de usuarios para revisar PQRS y encuestas de satisfacción.',
      axes: ['EJE4'],
      lines: ['L4.2'],
      comunas: ['C06', 'C07'],
      organizations: ['asou-NORTE'],
      procedures: ['CONTROL_SOCIAL'],
      phases: ['SEGUIMIENTO'],
      start: '2025-02-01',
      end: '2025-12-15',
      goal: 4,
      unit: 'mesas de seguimiento',
      executed: 0,
      budget: [['MATERIAL', 'OWN_RESOURCES', 'Logística de las mesas', 1_200_000, 0]],
    },
    {
      title: 'Audiencia pública de rendición de cuentas',
      description: 'Presentación a la comunidad de los avances y resultados del plan.',
      axes: ['EJE4', 'EJE5'],
      lines: ['L4.2', 'L5.1'],
      comunas: ['C02', 'C04', 'C05', 'C06', 'C07'],
      organizations: ['asou-NORTE', 'secretaria'],
      procedures: ['CONTROL_SOCIAL'],
      phases: ['EVALUACION'],
      start: '2025-11-01',
      end: '2025-12-15',
      goal: 1,
      unit: 'audiencia',
      executed: 0,
      budget: [['FINANCIAL', 'OWN_RESOURCES', 'Alquiler de auditorio y difusión', 2_500_000, 0]],
    },
  ] satisfies DemoActivity[],
};
