import type { PlanningDb } from '../db/index.ts';
import { actionLines, strategicAxes } from '../db/schema.ts';

/** The five axes of Resolución 2063 de 2017. */
export const AXES = [
  { code: 'EJE1', name: 'Fortalecimiento institucional' },
  { code: 'EJE2', name: 'Empoderamiento de la ciudadanía y las organizaciones sociales en salud' },
  { code: 'EJE3', name: 'Impulso a la cultura de la salud' },
  { code: 'EJE4', name: 'Control social en salud' },
  { code: 'EJE5', name: 'Gestión y garantía en salud con participación en el proceso de decisión' },
] as const;

/** Initial lines of action per axis (the secretariat renames, adds and retires them afterwards). */
export const LINES: [axis: string, code: string, name: string][] = [
  [
    'EJE1',
    'L1.1',
    'Gestión de recursos técnicos, logísticos, operativos, financieros y humanos para la participación',
  ],
  ['EJE1', 'L1.2', 'Formación del talento humano de las instituciones en participación social en salud'],
  ['EJE1', 'L1.3', 'Diseño de metodologías e instrumentos para la participación'],
  ['EJE2', 'L2.1', 'Formación de la ciudadanía en derechos y deberes en salud y mecanismos de participación'],
  ['EJE2', 'L2.2', 'Fortalecimiento de las organizaciones sociales y formas de participación en salud'],
  ['EJE2', 'L2.3', 'Uso de tecnologías de la información y la comunicación para la participación'],
  ['EJE3', 'L3.1', 'Promoción de la cultura de la salud, el autocuidado y el cuidado colectivo'],
  ['EJE3', 'L3.2', 'Difusión del portafolio de servicios y las rutas de atención'],
  ['EJE3', 'L3.3', 'Atención con enfoque diferencial, de género e intercultural'],
  ['EJE4', 'L4.1', 'Formación y acompañamiento al control social y las veedurías en salud'],
  ['EJE4', 'L4.2', 'Rendición de cuentas y seguimiento ciudadano a la gestión en salud'],
  ['EJE5', 'L5.1', 'Participación ciudadana en la planeación y la presupuestación en salud'],
  ['EJE5', 'L5.2', 'Diagnóstico participativo: cartografía social y mapa de actores'],
];

/** Axes and initial lines; inserted once by code, so later renames and retirements are kept. */
export async function seedReference(db: PlanningDb): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(strategicAxes)
      .values(AXES.map((axis, i) => ({ ...axis, position: i + 1 })))
      .onConflictDoNothing();
    await tx
      .insert(actionLines)
      .values(LINES.map(([axisCode, code, name]) => ({ axisCode, code, name })))
      .onConflictDoNothing();
  });
}
