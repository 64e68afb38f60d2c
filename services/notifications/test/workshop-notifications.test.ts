import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { educationService } from '@participa/education';
import { territoryByCode } from '@participa/reference';
import { territoryService } from '@participa/territory';
import type { TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents } from '../../education/src/db/schema.ts';
import { emitWorkshopReminders } from '../../education/src/reminders.ts';
import { createEmailSender } from '../src/channels/email.ts';
import { notificationsService } from '../src/service.ts';
import { eventually, type NotifiedGraph, startNotifiedGraph } from './harness.ts';

const CENTRO_STAFF = { role: 'ese_staff', network: 'CENTRO' } as const;
const HOUR = 3_600_000;

let graph: TestGraph;
let smtp: NotifiedGraph['smtp'];
let running: NotifiedGraph | undefined;

beforeAll(async () => {
  running = await startNotifiedGraph(
    [territoryService, educationService, notificationsService],
    outboxEvents,
  );
  ({ graph, smtp } = running);
});

afterAll(async () => {
  await running?.stop();
});

async function scheduleWorkshop(startsAt: Date): Promise<string> {
  const data = await graph.data<{ scheduleWorkshop: { id: string } }>(
    `mutation ($input: ScheduleWorkshopInput!) { scheduleWorkshop(input: $input) { id } }`,
    {
      input: {
        networkCode: 'CENTRO',
        title: 'Taller de derechos en salud',
        topic: 'HEALTH_RIGHTS',
        modality: 'IN_PERSON',
        address: 'Sede comunal barrio El Calvario',
        territoryId: territoryByCode('C09')!.id,
        capacity: 10,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3 * HOUR).toISOString(),
      },
    },
    CENTRO_STAFF,
  );
  return data.scheduleWorkshop.id;
}

async function register(workshopId: string, email: string) {
  await graph.data(
    `mutation ($input: RegisterForWorkshopInput!) { registerForWorkshop(input: $input) { id } }`,
    {
      input: {
        workshopId,
        dataConsent: true,
        participant: {
          fullName: 'Luz Dary Mosquera',
          documentType: 'CC',
          documentNumber: '66912345',
          email,
          birthYear: 1975,
          sex: 'MUJER',
        },
      },
    },
  );
}

const mailsTo = (email: string, subject: string) =>
  smtp.received.filter((m) => m.to.includes(email) && m.raw.includes(subject));

describe('workshop registration and reminders', () => {
  it('sends a Spanish confirmation e-mail through a real SMTP server', async () => {
    const workshopId = await scheduleWorkshop(new Date(Date.now() + 5 * 24 * HOUR));
    await register(workshopId, 'luz.mosquera@example.org');
    const [mail] = await eventually(async () => {
      const found = smtp.received.filter((m) => m.to.includes('luz.mosquera@example.org'));
      return found.length > 0 && found;
    });
    expect(mail!.raw).toMatch(/Subject: =\?UTF-8\?|Subject: Inscripci/);
    expect(mail!.raw).toContain('Sede comunal barrio El Calvario');
    expect(mail!.raw).not.toContain('66912345');
  });

  it('sends the 24 h reminder exactly once with two workers scanning and a restart', async () => {
    const workshopId = await scheduleWorkshop(new Date(Date.now() + 20 * HOUR));
    await register(workshopId, 'recordatorio@example.org');
    const db = graph.databases.education!.db as Parameters<typeof emitWorkshopReminders>[0];
    const [first, second] = await Promise.all([emitWorkshopReminders(db), emitWorkshopReminders(db)]);
    expect(first + second).toBe(1);
    expect(await emitWorkshopReminders(db)).toBe(0);
    await eventually(
      async () => mailsTo('recordatorio@example.org', 'Recordatorio').length === 1 || undefined,
    );
    // Two hours later the 2 h reminder is due, and only it.
    expect(await emitWorkshopReminders(db, new Date(Date.now() + 19 * HOUR))).toBe(1);
    await eventually(
      async () => mailsTo('recordatorio@example.org', 'Recordatorio').length === 2 || undefined,
    );
    await eventually(async () => {
      const rows = (await graph.databases.education!.db.execute(
        'SELECT count(*)::int AS n FROM education.outbox_events WHERE done_at IS NULL',
      )) as unknown as { n: number }[];
      return rows[0]!.n === 0;
    }, 30_000);
    expect(mailsTo('recordatorio@example.org', 'Recordatorio')).toHaveLength(2);
  });
});

describe('e-mail without SMTP_URL', () => {
  it('writes an .eml file a person can open', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'participa-mail-'));
    try {
      const send = createEmailSender({ PARTICIPA_DATA_DIR: dataDir });
      await send({
        id: 'prueba',
        to: 'a@example.org',
        subject: 'Inscripción confirmada',
        text: 'Hola',
        html: null,
      });
      const files = await readdir(path.join(dataDir, 'mail'));
      expect(files).toEqual(['prueba.eml']);
      const raw = await readFile(path.join(dataDir, 'mail', 'prueba.eml'), 'utf8');
      expect(raw).toContain('To: a@example.org');
      expect(raw).toContain('Hola');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
