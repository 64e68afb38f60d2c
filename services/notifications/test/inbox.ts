import type { Caller, TestGraph } from '@participa/testing';

export interface InboxItem {
  id: string;
  kind: string;
  title: string;
  body: string;
}

const INBOX = `query { myNotifications(first: 100) { totalCount edges { node { id kind title body } } } }`;

/** What a caller reads in their inboxes, as a front end asks for it. */
export async function inboxOf(graph: TestGraph, caller: Caller): Promise<InboxItem[]> {
  const data = await graph.data<{ myNotifications: { edges: { node: InboxItem }[] } }>(INBOX, {}, caller);
  return data.myNotifications.edges.map((e) => e.node);
}

/** The caller's messages of one kind. */
export async function inboxKind(graph: TestGraph, caller: Caller, kind: string): Promise<InboxItem[]> {
  return (await inboxOf(graph, caller)).filter((item) => item.kind === kind);
}

/**
 * A received e-mail as a person reads it: quoted-printable soft breaks and escapes undone (the
 * bodies are UTF-8), so assertions can look for Spanish text and for what must not be there.
 */
export function mailText(raw: string): string {
  const unfolded = raw.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < unfolded.length; i++) {
    const hex = unfolded[i] === '=' ? unfolded.slice(i + 1, i + 3) : '';
    if (/^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(unfolded[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}
