import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { escapeHtml } from '../templates.ts';

export interface Email {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** One-click unsubscribe link (RFC 8058), shown in the footer and given in the headers. */
  unsubscribeUrl?: string;
}

export type SendEmail = (email: Email) => Promise<void>;

const FROM = process.env.MAIL_FROM ?? 'Participa Salud <notificaciones@participa.cali.gov.co>';

/**
 * E-mail over SMTP when `SMTP_URL` is set; otherwise each message is written as an `.eml` file
 * under `$PARTICIPA_DATA_DIR/mail/` (default `.data/mail/`) so a developer can open it.
 */
export function createEmailSender(env: NodeJS.ProcessEnv = process.env): SendEmail {
  if (env.SMTP_URL) {
    const transport = nodemailer.createTransport({
      url: env.SMTP_URL,
      // A slow or refusing server fails this delivery, not the ones after it.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 15_000,
    });
    return async (email) => {
      await transport.sendMail({ from: FROM, ...message(email) });
    };
  }
  const folder = path.resolve(env.PARTICIPA_DATA_DIR ?? '.data', 'mail');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return async (email) => {
    const info = await transport.sendMail({ from: FROM, ...message(email) });
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, `${email.id}.eml`), info.message as Buffer);
  };
}

function message(email: Email) {
  const link = email.unsubscribeUrl;
  const footer = link ? `Para dejar de recibir estos mensajes: ${link}` : undefined;
  return {
    to: email.to,
    subject: email.subject,
    text: footer ? `${email.text}\n\n${footer}` : email.text,
    html:
      email.html && link
        ? email.html.replace(
            '</body>',
            `<p><small><a href="${escapeHtml(link)}">Dejar de recibir estos mensajes</a></small></p></body>`,
          )
        : (email.html ?? undefined),
    messageId: `<${email.id}@participa-salud>`,
    ...(link && { list: { unsubscribe: { url: link, comment: 'Dejar de recibir' } } }),
    ...(link && { headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } }),
  };
}
