import { IDS } from './ids.js';

/** A contact as a current API answer has it. */
export function contact(overrides: Record<string, unknown> = {}) {
  return {
    id: IDS.contactId,
    href: `https://contacts.messagebird.com/v2/contacts/${IDS.contactId}`,
    msisdn: IDS.msisdn,
    displayName: 'Ada Jansen',
    firstName: 'Ada',
    lastName: 'Jansen',
    customDetails: {},
    attributes: {},
    createdDatetime: '2026-03-02T09:14:05Z',
    updatedDatetime: '2026-03-02T09:14:05Z',
    ...overrides,
  };
}

/** A contact the way many real deliveries have it: no names, the number as display name, nulls. */
export function sparseContact(overrides: Record<string, unknown> = {}) {
  return contact({
    href: '',
    displayName: IDS.phone,
    firstName: '',
    lastName: '',
    customDetails: null,
    attributes: null,
    ...overrides,
  });
}
