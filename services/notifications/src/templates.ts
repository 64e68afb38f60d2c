/** A message in Spanish: plain text for every channel, HTML for e-mail. */
export interface Message {
  title: string;
  text: string;
  html: string;
}

const dateTime = new Intl.DateTimeFormat('es-CO', {
  dateStyle: 'full',
  timeStyle: 'short',
  timeZone: 'America/Bogota',
});
const date = new Intl.DateTimeFormat('es-CO', { dateStyle: 'long', timeZone: 'America/Bogota' });

export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Builds both bodies from paragraphs, so text and HTML never say different things. */
function message(title: string, paragraphs: string[]): Message {
  const footer = 'Participa Salud — Secretaría de Salud Pública de Santiago de Cali';
  return {
    title,
    text: [...paragraphs, '', footer].join('\n\n'),
    html: `<!doctype html><html lang="es"><body><h1>${escapeHtml(title)}</h1>${paragraphs
      .map((p) => `<p>${escapeHtml(p)}</p>`)
      .join('')}<hr><p><small>${escapeHtml(footer)}</small></p></body></html>`,
  };
}

const PQRS_TYPES: Record<string, string> = {
  PETICION: 'petición',
  QUEJA: 'queja',
  RECLAMO: 'reclamo',
  SUGERENCIA: 'sugerencia',
  DENUNCIA: 'denuncia',
  FELICITACION: 'felicitación',
  SOLICITUD_INFORMACION: 'solicitud de información',
  CONSULTA: 'consulta',
};

export interface PqrsReceived {
  radicado: string;
  networkCode: string;
  type: string;
  dueAt: string | null;
}

export interface RegistrationConfirmed {
  workshopTitle: string;
  startsAt: string;
  venue: string | null;
}

/** Staff see what to handle; never the petitioner's identity or contact. */
export function pqrsReceivedForStaff(p: PqrsReceived): Message {
  return message(`Nueva PQRS ${p.radicado}`, [
    `Se radicó una ${PQRS_TYPES[p.type] ?? 'PQRS'} en la red ${p.networkCode} con el radicado ${p.radicado}.`,
    p.dueAt
      ? `Debe responderse a más tardar el ${date.format(new Date(p.dueAt))}.`
      : 'No tiene término de respuesta.',
  ]);
}

/** The receipt the petitioner keeps (their tracking code is shown once, on screen, never mailed). */
export function pqrsReceiptForPetitioner(p: PqrsReceived): Message {
  return message(`Recibimos su PQRS: radicado ${p.radicado}`, [
    `Su ${PQRS_TYPES[p.type] ?? 'PQRS'} quedó radicada con el número ${p.radicado}.`,
    p.dueAt
      ? `Recibirá respuesta a más tardar el ${date.format(new Date(p.dueAt))}.`
      : 'Gracias por su mensaje; lo tendremos en cuenta.',
    'Puede consultar el estado con su radicado y el código de seguimiento que recibió al enviarla.',
  ]);
}

export function registrationConfirmed(p: RegistrationConfirmed): Message {
  return message(`Inscripción confirmada: ${p.workshopTitle}`, [
    `Su inscripción al taller «${p.workshopTitle}» está confirmada.`,
    `Fecha: ${dateTime.format(new Date(p.startsAt))}.`,
    ...(p.venue ? [`Lugar: ${p.venue}.`] : []),
    'Si no puede asistir, cancele su inscripción para liberar el cupo.',
  ]);
}

export function registrationWaitlisted(p: RegistrationConfirmed): Message {
  return message(`En lista de espera: ${p.workshopTitle}`, [
    `El taller «${p.workshopTitle}» no tiene cupos libres; quedó en lista de espera.`,
    'Si se libera un cupo, se lo asignaremos en orden de llegada y le avisaremos.',
    `Fecha del taller: ${dateTime.format(new Date(p.startsAt))}.`,
  ]);
}

export function workshopReminder(p: RegistrationConfirmed & { hoursBefore: number }): Message {
  return message(`Recordatorio: ${p.workshopTitle}`, [
    `Le recordamos que el taller «${p.workshopTitle}» empieza ${p.hoursBefore === 24 ? 'mañana' : `en ${p.hoursBefore} horas`}.`,
    `Fecha: ${dateTime.format(new Date(p.startsAt))}.`,
    ...(p.venue ? [`Lugar: ${p.venue}.`] : []),
  ]);
}

/** A calendar day (`YYYY-MM-DD`, already Bogotá's) in words; noon keeps it on that day. */
const day = (value: string) => date.format(new Date(`${value}T12:00:00-05:00`));
const pqrsType = (type: string) => PQRS_TYPES[type] ?? 'PQRS';

// Education: workshop changes and registrations.

export interface WorkshopFacts extends RegistrationConfirmed {
  networkCode: string;
}

export interface WorkshopChange extends WorkshopFacts {
  reason: string;
  previousStartsAt?: string;
  /** Staff event only: how many people with a seat or a waitlist place were told. */
  participants?: number;
}

export function workshopScheduledForStaff(p: WorkshopFacts & { capacity: number }): Message {
  return message(`Nuevo taller programado: ${p.workshopTitle}`, [
    `Se programó el taller «${p.workshopTitle}» en la red ${p.networkCode}.`,
    `Fecha: ${dateTime.format(new Date(p.startsAt))}.`,
    ...(p.venue ? [`Lugar: ${p.venue}.`] : []),
    `Cupos: ${p.capacity}.`,
  ]);
}

export function workshopRescheduled(p: WorkshopChange): Message {
  return message(`Cambio de fecha: ${p.workshopTitle}`, [
    `El taller «${p.workshopTitle}», en el que usted tiene una inscripción, cambió de fecha.`,
    `Nueva fecha: ${dateTime.format(new Date(p.startsAt))}.`,
    ...(p.previousStartsAt ? [`Fecha anterior: ${dateTime.format(new Date(p.previousStartsAt))}.`] : []),
    ...(p.venue ? [`Lugar: ${p.venue}.`] : []),
    `Motivo: ${p.reason}`,
    'Si ya no puede asistir, cancele su inscripción para liberar el cupo.',
  ]);
}

export function workshopRescheduledForStaff(p: WorkshopChange): Message {
  return message(`Taller reprogramado: ${p.workshopTitle}`, [
    `El taller «${p.workshopTitle}» de la red ${p.networkCode} se reprogramó para el ${dateTime.format(new Date(p.startsAt))}.`,
    `Motivo: ${p.reason}`,
    `Se avisó a ${p.participants ?? 0} persona(s) inscrita(s) o en lista de espera.`,
  ]);
}

export function workshopCancelled(p: WorkshopChange): Message {
  return message(`Taller cancelado: ${p.workshopTitle}`, [
    `Lamentamos informarle que el taller «${p.workshopTitle}», programado para el ${dateTime.format(new Date(p.startsAt))}, fue cancelado.`,
    `Motivo: ${p.reason}`,
    'Su inscripción queda sin efecto. Puede inscribirse en otros talleres de su red de salud.',
  ]);
}

export function workshopCancelledForStaff(p: WorkshopChange): Message {
  return message(`Taller cancelado: ${p.workshopTitle}`, [
    `Se canceló el taller «${p.workshopTitle}» de la red ${p.networkCode}, programado para el ${dateTime.format(new Date(p.startsAt))}.`,
    `Motivo: ${p.reason}`,
    `Se avisó a ${p.participants ?? 0} persona(s) inscrita(s) o en lista de espera.`,
  ]);
}

export function registrationPromoted(p: RegistrationConfirmed): Message {
  return message(`Ya tiene cupo: ${p.workshopTitle}`, [
    `Se liberó un cupo en el taller «${p.workshopTitle}» y se le asignó: su inscripción está confirmada.`,
    `Fecha: ${dateTime.format(new Date(p.startsAt))}.`,
    ...(p.venue ? [`Lugar: ${p.venue}.`] : []),
    'Si no puede asistir, cancele su inscripción para liberar el cupo.',
  ]);
}

export function registrationCancelled(p: RegistrationConfirmed): Message {
  return message(`Inscripción cancelada: ${p.workshopTitle}`, [
    `Su inscripción al taller «${p.workshopTitle}» del ${dateTime.format(new Date(p.startsAt))} quedó cancelada.`,
    'Si fue un error, puede inscribirse de nuevo mientras haya cupos.',
  ]);
}

// Feedback: PQRS lifecycle and deadlines. Staff messages never name the petitioner; petitioner
// messages never carry the answer (it may hold personal data): they say where to read it.

export interface PqrsAssigned extends PqrsReceived {
  assignee: string | null;
  area: string | null;
}

export interface PqrsTransferred extends PqrsReceived {
  toNetworkCode: string | null;
  toEntityName: string | null;
  newRadicado?: string;
  newDueAt?: string | null;
}

export interface PqrsOverdueDigest {
  networkCode: string;
  day: string;
  total: number;
  radicados: string[];
}

const HOW_TO_READ = (radicado: string) =>
  `Para leerla, consulte su PQRS con el radicado ${radicado} y el código de seguimiento que recibió al enviarla.`;

export function pqrsAssigned(p: PqrsAssigned): Message {
  return message(`PQRS ${p.radicado} asignada`, [
    p.assignee
      ? `Se le asignó la ${pqrsType(p.type)} con radicado ${p.radicado} de la red ${p.networkCode}.`
      : `La ${pqrsType(p.type)} con radicado ${p.radicado} de la red ${p.networkCode} se asignó al área ${p.area}.`,
    p.dueAt
      ? `Debe responderse a más tardar el ${date.format(new Date(p.dueAt))}.`
      : 'No tiene término de respuesta.',
  ]);
}

export function pqrsAnswered(p: PqrsReceived): Message {
  return message(`Su PQRS ${p.radicado} tiene respuesta`, [
    `Su ${pqrsType(p.type)} con radicado ${p.radicado} ya tiene respuesta.`,
    HOW_TO_READ(p.radicado),
    'Por su seguridad, el texto de la respuesta no se envía por este medio.',
  ]);
}

export function pqrsTransferred(p: PqrsTransferred): Message {
  if (p.toNetworkCode && p.newRadicado) {
    return message(`Su PQRS ${p.radicado} fue trasladada`, [
      `Su ${pqrsType(p.type)} con radicado ${p.radicado} fue trasladada a la red ${p.toNetworkCode}, que es la competente para atenderla. Allí quedó con el radicado ${p.newRadicado}.`,
      `Puede seguirla con el radicado ${p.newRadicado} y el mismo código de seguimiento que recibió al enviarla.`,
      ...(p.newDueAt ? [`Recibirá respuesta a más tardar el ${date.format(new Date(p.newDueAt))}.`] : []),
    ]);
  }
  return message(`Su PQRS ${p.radicado} fue trasladada`, [
    `Su ${pqrsType(p.type)} con radicado ${p.radicado} fue trasladada a ${p.toEntityName ?? 'la entidad competente'}, que es la competente para responderla.`,
    'Esa entidad le responderá directamente.',
  ]);
}

export function pqrsTransferredForStaff(p: PqrsTransferred): Message {
  return message(`PQRS trasladada: ${p.newRadicado}`, [
    `La red ${p.networkCode} trasladó a la red ${p.toNetworkCode} una ${pqrsType(p.type)}, que quedó radicada con el número ${p.newRadicado}.`,
    p.newDueAt
      ? `Debe responderse a más tardar el ${date.format(new Date(p.newDueAt))}.`
      : 'No tiene término de respuesta.',
  ]);
}

export function pqrsExtended(p: PqrsReceived & { previousDueAt: string | null }): Message {
  return message(`Prórroga de su PQRS ${p.radicado}`, [
    `El plazo para responder su ${pqrsType(p.type)} con radicado ${p.radicado} se amplió.`,
    ...(p.dueAt ? [`Recibirá respuesta a más tardar el ${date.format(new Date(p.dueAt))}.`] : []),
    'Puede consultar el estado con su radicado y el código de seguimiento que recibió al enviarla.',
  ]);
}

export function pqrsDueSoon(p: PqrsReceived): Message {
  return message(`PQRS ${p.radicado} por vencer`, [
    `La ${pqrsType(p.type)} con radicado ${p.radicado} de la red ${p.networkCode} vence el ${dateTime.format(new Date(p.dueAt!))}.`,
    'Respóndala o solicite la prórroga antes de esa fecha.',
  ]);
}

export function pqrsDueToday(p: PqrsReceived): Message {
  return message(`PQRS ${p.radicado} vence hoy`, [
    `La ${pqrsType(p.type)} con radicado ${p.radicado} de la red ${p.networkCode} vence hoy, ${dateTime.format(new Date(p.dueAt!))}.`,
    'Si no se responde hoy, quedará fuera del término legal.',
  ]);
}

export function pqrsOverdueDigest(p: PqrsOverdueDigest): Message {
  const more = p.total - p.radicados.length;
  return message(`PQRS vencidas en la red ${p.networkCode}: ${p.total}`, [
    `Al ${day(p.day)}, la red ${p.networkCode} tiene ${p.total} PQRS sin respuesta con el término vencido:`,
    `${p.radicados.join(', ')}${more > 0 ? ` y ${more} más` : ''}.`,
    'Priorice su respuesta o su prórroga.',
  ]);
}

// Planning: action plans and commitments.

export interface PlanEvent {
  networkCode: string;
  year: number;
  title: string;
  returnReason: string | null;
}

export interface CommitmentReminder {
  description: string;
  dueDate: string;
  actTitle: string;
  networkCodes: string[];
}

export function planSubmitted(p: PlanEvent): Message {
  return message(`Plan de acción ${p.year} de la red ${p.networkCode} enviado`, [
    `La red ${p.networkCode} envió su plan de acción ${p.year}, «${p.title}», para revisión de la Secretaría.`,
    'Puede aprobarlo o devolverlo con observaciones.',
  ]);
}

export function planReturned(p: PlanEvent): Message {
  return message(`Plan de acción ${p.year} devuelto`, [
    `La Secretaría devolvió a borrador el plan de acción ${p.year}, «${p.title}», de la red ${p.networkCode}.`,
    ...(p.returnReason ? [`Observaciones: ${p.returnReason}`] : []),
    'Ajústelo y envíelo de nuevo.',
  ]);
}

export function planApproved(p: PlanEvent): Message {
  return message(`Plan de acción ${p.year} aprobado`, [
    `La Secretaría aprobó el plan de acción ${p.year}, «${p.title}», de la red ${p.networkCode}.`,
    'Ya puede registrar el avance de sus actividades y la ejecución del presupuesto.',
  ]);
}

export function commitmentDue(p: CommitmentReminder): Message {
  return message(`Compromiso por vencer el ${day(p.dueDate)}`, [
    `El compromiso «${p.description}» del acta «${p.actTitle}» vence el ${day(p.dueDate)}.`,
    'Registre su seguimiento antes de esa fecha.',
  ]);
}

export function commitmentOverdue(p: CommitmentReminder): Message {
  return message('Compromiso vencido', [
    `El compromiso «${p.description}» del acta «${p.actTitle}» venció el ${day(p.dueDate)} y sigue abierto.`,
    'Registre su seguimiento o su cumplimiento.',
  ]);
}

/** One e-mail with the messages a recipient chose to receive together. */
export function digestMessage(mode: 'DAILY' | 'WEEKLY', items: { title: string; text: string }[]): Message {
  const period = mode === 'DAILY' ? 'del día' : 'de la semana';
  return message(`Resumen ${period}: ${items.length} ${items.length === 1 ? 'novedad' : 'novedades'}`, [
    `Estas son las novedades ${period} en Participa Salud:`,
    ...items.map((item, i) => `${i + 1}. ${item.title}`),
    'Puede ver el detalle de cada una en su bandeja de notificaciones.',
  ]);
}
