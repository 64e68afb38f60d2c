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

/** One e-mail with the messages a recipient chose to receive together. */
export function digestMessage(mode: 'DAILY' | 'WEEKLY', items: { title: string; text: string }[]): Message {
  const period = mode === 'DAILY' ? 'del día' : 'de la semana';
  return message(`Resumen ${period}: ${items.length} ${items.length === 1 ? 'novedad' : 'novedades'}`, [
    `Estas son las novedades ${period} en Participa Salud:`,
    ...items.map((item, i) => `${i + 1}. ${item.title}`),
    'Puede ver el detalle de cada una en su bandeja de notificaciones.',
  ]);
}
