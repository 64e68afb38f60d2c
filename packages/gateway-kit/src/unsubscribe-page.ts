import type { IncomingMessage, ServerResponse } from 'node:http';

/** Runs `unsubscribeNotifications` through the graph; the Spanish sentence to show either way. */
export type Unsubscribe = (token: string, allKinds: boolean) => Promise<{ ok: boolean; message: string }>;

export const UNSUBSCRIBE_PATH = '/baja';

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: ServerResponse, status: number, title: string, body: string): true {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    'referrer-policy': 'no-referrer',
  });
  res.end(`<!doctype html><html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)} — Participa Salud</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;line-height:1.5}button{font-size:1rem;padding:.5rem 1rem;margin:.25rem 0}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`);
  return true;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req as AsyncIterable<Buffer>) {
    body += chunk.toString('utf8');
    if (body.length > 2_000) break;
  }
  return new URLSearchParams(body);
}

/**
 * The page behind the link at the foot of every e-mail. Opening it (GET) changes nothing, since
 * mail scanners open links on their own; it offers a button. A POST unsubscribes: from the page's
 * form, or straight from a mail client's one-click button (RFC 8058 `List-Unsubscribe=One-Click`).
 */
export async function serveUnsubscribePage(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  unsubscribe: Unsubscribe,
): Promise<true> {
  const token = url.searchParams.get('token') ?? '';
  if (req.method === 'POST') {
    const form = await readForm(req);
    const outcome = await unsubscribe(token, form.get('allKinds') === 'true');
    return outcome.ok
      ? page(res, 200, 'Suscripción cancelada', `<p>${escapeHtml(outcome.message)}</p>`)
      : page(res, 400, 'No pudimos cancelar la suscripción', `<p>${escapeHtml(outcome.message)}</p>`);
  }
  if (req.method !== 'GET') {
    res.writeHead(405, { allow: 'GET, POST' }).end();
    return true;
  }
  const action = `${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(token)}`;
  return page(
    res,
    200,
    'Dejar de recibir mensajes',
    `<p>¿Quiere dejar de recibir estos mensajes de Participa Salud en su correo?</p>
<form method="post" action="${escapeHtml(action)}"><button type="submit" name="allKinds" value="false">Dejar de recibir este tipo de mensajes</button><br>
<button type="submit" name="allKinds" value="true">Dejar de recibir todos los mensajes</button></form>`,
  );
}
