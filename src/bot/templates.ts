import type { TemplateDefinitionInput } from '../adapter/index.js';

/** The name of the template the sample bot sends when a contact's window has closed. */
export const REMINDER_TEMPLATE = 'sample_reminder';

/**
 * The sample bot's templates in the account's `namespace`. With real credentials, submit a
 * template with this name, language, category and body in MessageBird and wait for approval;
 * `npm start` submits and approves it in the simulator itself.
 *
 * @example
 * new MessageBirdAdapter({ ...keys, templates: sampleTemplates('your_namespace') });
 */
export function sampleTemplates(namespace: string) {
  return [
    {
      name: REMINDER_TEMPLATE,
      language: 'en',
      category: 'UTILITY',
      namespace,
      content:
        'Hi {{1}}, here is the reminder you asked for: {{2}}. Reply to pick up where we left off.',
    },
  ] satisfies TemplateDefinitionInput[];
}
