import { DELIVERY_ERROR_CODES } from '../messagebird/errors.js';
import type { Hsm } from '../messagebird/hsm.js';
import type { ContactRecord, PlannedStatus, TemplateRecord } from './records.js';
import type { StatusSchedule } from './schedule.js';
import { checkTemplateMessage } from './templates.js';
import { isContactWindowOpen } from './window.js';

/** Descriptions of WhatsApp delivery failures, worded as MessageBird reports them. */
export const DELIVERY_ERROR_DESCRIPTIONS = {
  outsideWindow:
    'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  notOnWhatsapp: 'The contact is not registered on WhatsApp.',
} as const;

/** What deciding an outbound message's fate needs. */
export interface PlanInput {
  type: string;
  content: Record<string, unknown>;
  contact: ContactRecord;
  channelId: string;
  /** Virtual now, when the message was accepted. */
  now: number;
  schedule: StatusSchedule;
  windowMs: number;
  notOnWhatsapp: ReadonlySet<string>;
  template: (name: string, language: string) => TemplateRecord | undefined;
  /**
   * Why a template message cannot go out, found before the engine had an `hsm` to check (a Bird
   * send naming a project the simulator does not have, or missing a parameter's key).
   */
  problem?: { code: number; description: string };
}

/**
 * The status changes that follow an accepted outbound message, decided when it is accepted:
 * pending, then sent, delivered and read on the schedule; or pending, then `failed` with
 * 302 (contact not on WhatsApp), 470 (a free-form message outside the 24-hour window) or a
 * template error (unknown, not approved, wrong parameter count). Templates are the only type that
 * goes through outside the window. The window is judged at acceptance time (our reading).
 */
export function planOutbound(input: PlanInput): PlannedStatus[] {
  const { schedule, now } = input;
  const pending: PlannedStatus = { status: 'pending', at: now + schedule.pending };
  const fail = (code: number, description: string): PlannedStatus[] => [
    pending,
    { status: 'failed', at: now + schedule.failed, error: { code, description } },
  ];
  if (input.notOnWhatsapp.has(input.contact.phone)) {
    return fail(DELIVERY_ERROR_CODES.notOnWhatsapp, DELIVERY_ERROR_DESCRIPTIONS.notOnWhatsapp);
  }
  if (input.type === 'hsm') {
    const problem = input.problem ?? checkTemplateMessage(input.template, input.content.hsm as Hsm);
    if (problem) return fail(problem.code, problem.description);
  } else if (!isContactWindowOpen(input.contact, input.channelId, now, input.windowMs)) {
    return fail(DELIVERY_ERROR_CODES.outsideWindow, DELIVERY_ERROR_DESCRIPTIONS.outsideWindow);
  }
  const sent: PlannedStatus = { status: 'sent', at: now + schedule.sent };
  const delivered: PlannedStatus = { status: 'delivered', at: now + schedule.delivered };
  // One literal of the final length: a push would grow the array's store to 20 slots, kept with
  // the message.
  if (schedule.read === null) return [pending, sent, delivered];
  return [pending, sent, delivered, { status: 'read', at: now + schedule.read }];
}
