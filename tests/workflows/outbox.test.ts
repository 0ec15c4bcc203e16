// The e-mail outbox against a real SMTP server on localhost: queued e-mails go out once, in
// the reader's language; a server that refuses them leaves them queued with the error.
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from '../../workflows/src/activities/notify.ts';
import { createOutboxSender, MAX_ATTEMPTS } from '../../workflows/src/outbox.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createFixtures } from '../helpers/fixtures.ts';

interface Received {
  to: string[];
  raw: string;
}

let db: TestDatabase;
let fixtures: Awaited<ReturnType<typeof createFixtures>>;
let server: SMTPServer;
let port: number;
let refuse = false;
const received: Received[] = [];
/** Set by a test: the next message's data is held until the test calls release(). */
let hold: { arrived: () => void; release: Promise<void> } | null = null;

beforeAll(async () => {
  db = await createTestDatabase();
  fixtures = await createFixtures(db.prisma);
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(_address, _session, callback) {
      callback(refuse ? new Error('Mailbox unavailable') : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      const held = hold;
      hold = null;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const accept = () => {
          received.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        };
        if (!held) return accept();
        held.arrived();
        void held.release.then(accept);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db.drop();
});

/** The text of a quoted-printable message body. */
const decode = (raw: string): string => {
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4).replace(/=\r\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i += 1) {
    if (body[i] === '=' && /^[0-9A-F]{2}$/.test(body.slice(i + 1, i + 3))) {
      bytes.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(body.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
};

const sender = () =>
  createOutboxSender(
    db.prisma,
    nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true }),
    'Theo dõi CCHC <no-reply@reform.test>',
  );

describe('e-mail outbox', () => {
  it('sends each queued e-mail once, in the recipient’s language', async () => {
    await db.prisma.user.update({ where: { id: fixtures.users.townHead.id }, data: { locale: 'vi' } });
    await db.prisma.$transaction((tx) =>
      notify(tx, {
        eventId: 'outbox-test:1',
        userIds: [fixtures.users.head.id, fixtures.users.townHead.id],
        kind: 'task.overdue',
        params: { title: 'Số hoá hồ sơ', dueDate: '2026-11-20' },
        link: '/tasks/x',
      }),
    );
    expect(await sender().sendPending()).toBe(2);
    expect(await sender().sendPending()).toBe(0);
    const byRecipient: Record<string, string> = Object.fromEntries(
      received.map((mail) => [mail.to[0] ?? '', decode(mail.raw)]),
    );
    expect(Object.keys(byRecipient).sort()).toEqual(['head@test.demo', 'townhead@test.demo']);
    expect(byRecipient['head@test.demo']).toContain(
      'The task "Số hoá hồ sơ" has been overdue since 20/11/2026.',
    );
    expect(byRecipient['townhead@test.demo']).toContain(
      'Nhiệm vụ "Số hoá hồ sơ" đã quá hạn từ ngày 20/11/2026.',
    );
    const rows = await db.prisma.emailOutbox.findMany();
    expect(rows.every((row) => row.sentAt !== null && row.attempts === 1)).toBe(true);
  });

  it('keeps an e-mail the server refuses, with the error, and gives up after the last attempt', async () => {
    refuse = true;
    await db.prisma.$transaction((tx) =>
      notify(tx, {
        eventId: 'outbox-test:2',
        userIds: [fixtures.users.head.id],
        kind: 'task.reminder',
        params: { title: 'Niêm yết thủ tục', dueDate: '2026-12-01', workingDays: 5 },
        link: '/tasks/y',
      }),
    );
    for (let attempt = 0; attempt < MAX_ATTEMPTS + 2; attempt += 1)
      expect(await sender().sendPending()).toBe(0);
    const [row] = await db.prisma.emailOutbox.findMany({ where: { sentAt: null } });
    expect(row).toMatchObject({ attempts: MAX_ATTEMPTS });
    expect(row?.lastError).toContain('Mailbox unavailable');
    refuse = false;
  });

  it('a slow SMTP call holds only its own e-mail: the others go out once, by another sender', async () => {
    const queued = await db.prisma.emailOutbox.count();
    const before = received.length;
    await db.prisma.$transaction((tx) =>
      notify(tx, {
        eventId: 'outbox-test:3',
        userIds: [fixtures.users.head.id, fixtures.users.townHead.id, fixtures.users.otherHead.id],
        kind: 'task.overdue',
        params: { title: 'Chữ ký số', dueDate: '2026-11-30' },
        link: '/tasks/z',
      }),
    );
    let release = () => undefined as void;
    const arrived = new Promise<void>((resolve) => {
      hold = { arrived: resolve, release: new Promise<void>((done) => (release = done)) };
    });
    // Sender A claims the first e-mail and is stuck in SMTP with it (no transaction open).
    const slow = sender().sendPending();
    await arrived;
    // Sender B meanwhile sends the other two, and leaves the one A holds alone.
    expect(await sender().sendPending()).toBe(2);
    release();
    // A records its e-mail as sent and finds nothing else left to send.
    expect(await slow).toBe(1);
    expect(await sender().sendPending()).toBe(0);

    const recipients = received.slice(before).map((mail) => mail.to[0]);
    expect(recipients.sort()).toEqual(['head@test.demo', 'otherhead@test.demo', 'townhead@test.demo']);
    const rows = await db.prisma.emailOutbox.findMany({ orderBy: { createdAt: 'asc' }, skip: queued });
    expect(rows.map((row) => [row.attempts, row.sentAt !== null, row.claimedUntil])).toEqual([
      [1, true, null],
      [1, true, null],
      [1, true, null],
    ]);
  });

  it('an e-mail held by a sender that crashed goes out once its lease runs out', async () => {
    const before = received.length;
    await db.prisma.$transaction((tx) =>
      notify(tx, {
        eventId: 'outbox-test:4',
        userIds: [fixtures.users.head.id, fixtures.users.townHead.id],
        kind: 'task.overdue',
        params: { title: 'Một cửa liên thông', dueDate: '2026-12-01' },
        link: '/tasks/w',
      }),
    );
    const [crashed, live] = await db.prisma.emailOutbox.findMany({
      where: { notification: { eventId: { startsWith: 'outbox-test:4' } } },
      orderBy: { toAddress: 'asc' },
    });
    // One claimed by a sender that died (lease over), one by a sender still sending.
    await db.prisma
      .$executeRaw`UPDATE "EmailOutbox" SET "claimedUntil" = now() - interval '1 minute' WHERE id = ${crashed!.id}`;
    await db.prisma
      .$executeRaw`UPDATE "EmailOutbox" SET "claimedUntil" = now() + interval '10 minutes' WHERE id = ${live!.id}`;
    expect(await sender().sendPending()).toBe(1);
    expect(received.slice(before).map((mail) => mail.to[0])).toEqual([crashed!.toAddress]);
    expect(await db.prisma.emailOutbox.findUniqueOrThrow({ where: { id: live!.id } })).toMatchObject({
      sentAt: null,
      attempts: 0,
    });
  });
});
