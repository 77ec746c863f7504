import { randomUUID } from 'node:crypto';

/*
 * The Channels API names every resource with a dashed UUID; the engine's records keep 32 hex
 * characters. A record's Bird id is its own id, dashed: one message, seen through either API.
 */

const HEX_ID = /^[0-9a-f]{32}$/;
const DASHED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SLOTS = 64;
const slotIds: string[] = new Array(SLOTS).fill('');
const slotBirdIds: string[] = new Array(SLOTS).fill('');

/**
 * A record id (32 hex) as Bird shows it: dashed 8-4-4-4-12. A contact's id is dashed on every
 * message to or from it: a small direct-mapped cache keeps the dashed ids made last.
 */
export function toBirdId(id: string): string {
  if (id.length !== 32) return id;
  const slot = (id.charCodeAt(31) + 7 * id.charCodeAt(30)) & (SLOTS - 1);
  if (slotIds[slot] === id) return slotBirdIds[slot] as string;
  if (!HEX_ID.test(id)) return id;
  const dashed = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
  slotIds[slot] = id;
  slotBirdIds[slot] = dashed;
  return dashed;
}

/** The record id behind a Bird id, or undefined when it is not a dashed UUID. */
export function fromBirdId(id: string): string | undefined {
  return DASHED.test(id) ? id.replaceAll('-', '').toLowerCase() : undefined;
}

/** A new Bird id for resources only the Bird face has (subscriptions, template versions). */
export function newBirdId(): string {
  return randomUUID();
}
