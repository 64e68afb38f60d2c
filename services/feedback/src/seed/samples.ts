import type { PqrsType } from '../db/schema.ts';

/** Subjects and descriptions of demo PQRS, as citizens of Cali write them to their ESE. */
export const SUBJECTS: Record<PqrsType, [string, string][]> = {
  PETICION: [
    [
      'Copia de historia clínica',
      'Solicito copia de mi historia clínica de las atenciones del último año para trámite ante la EPS.',
    ],
    [
      'Asignación de cita de medicina general',
      'Llevo dos semanas llamando a la línea de citas sin respuesta. Pido que me asignen cita de medicina general.',
    ],
    [
      'Autorización de terapia física',
      'Pido que se programen las diez sesiones de terapia física que me ordenó el médico.',
    ],
  ],
  QUEJA: [
    [
      'Demora en la atención de urgencias',
      'Esperé más de seis horas en urgencias con mi hijo con fiebre alta sin que nadie nos informara nada.',
    ],
    [
      'Trato descortés en facturación',
      'La persona de la ventanilla de facturación me atendió de mala manera y no me explicó el copago.',
    ],
    [
      'Baños del centro de salud en mal estado',
      'Los baños de la sala de espera no tienen agua ni jabón desde hace varios días.',
    ],
  ],
  RECLAMO: [
    [
      'Medicamento no entregado',
      'La farmacia no me entregó la insulina formulada y me dijeron que volviera en quince días.',
    ],
    [
      'Cita de especialista cancelada',
      'Me cancelaron la cita de cardiología el mismo día sin reprogramarla.',
    ],
    [
      'Resultados de laboratorio extraviados',
      'Me tomaron muestras hace tres semanas y el laboratorio dice que no aparecen los resultados.',
    ],
  ],
  SUGERENCIA: [
    [
      'Turnos para adultos mayores',
      'Sugiero una fila preferencial para personas mayores en la toma de muestras de laboratorio.',
    ],
    [
      'Información de horarios',
      'Publiquen en la cartelera y en redes los horarios de vacunación de cada sede.',
    ],
  ],
  DENUNCIA: [
    ['Cobro indebido', 'Una persona en la entrada pide dinero para conseguir turnos de consulta más rápido.'],
  ],
  FELICITACION: [
    [
      'Excelente atención en vacunación',
      'Quiero felicitar al equipo de vacunación por su amabilidad con mi mamá de 80 años.',
    ],
    [
      'Jornada de salud en el barrio',
      'Gracias por la jornada comunitaria de salud en la comuna; fue muy bien organizada.',
    ],
  ],
  SOLICITUD_INFORMACION: [
    [
      'Portafolio de servicios de la sede',
      'Quisiera saber qué especialidades atienden en la sede de mi comuna y cómo pedir cita.',
    ],
    [
      'Asociación de usuarios',
      '¿Cómo puedo inscribirme en la asociación de usuarios de la red y cuándo se reúnen?',
    ],
  ],
  CONSULTA: [
    [
      'Derechos en la atención',
      'Consulto si la ESE puede negar la atención de urgencias a una persona sin afiliación a EPS.',
    ],
  ],
};

export const PETITIONER_NAMES = [
  'María Fernanda Ocoró',
  'Luis Alberto Caicedo',
  'Ana Milena Riascos',
  'Jhon Jairo Valencia',
  'Rosa Elena Mina',
  'Carlos Andrés Angulo',
  'Yolanda Quiñónez',
  'Diego Fernando Lucumí',
];
