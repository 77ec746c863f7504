import type { BirdTemplateDefinitionInput, TemplateDefinitionInput } from '../adapter/index.js';

/** The name of the template the sample bot sends when a contact's window has closed. */
export const REMINDER_TEMPLATE = 'sample_reminder';

/** The reminder's body: `{{1}}` is the contact's name, `{{2}}` what they asked to be reminded of. */
export const REMINDER_CONTENT =
  'Hi {{1}}, here is the reminder you asked for: {{2}}. Reply to pick up where we left off.';

/** The names of the reminder's `{{1}}` and `{{2}}` on Bird, whose templates take parameters by name. */
export const REMINDER_VARIABLES = ['name', 'what'] as const;

/** The Bird project of the reminder template in the simulator (`npm start -- --bird` registers it). */
export const SAMPLE_BIRD_PROJECT_ID = '5a7c9e1b-3d2f-4b6a-8c0e-7f1a2b3c4d5e';

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
      content: REMINDER_CONTENT,
    },
  ] satisfies TemplateDefinitionInput[];
}

/**
 * The sample bot's templates on Bird's Channels API, in the Studio project `projectId`: the same
 * reminder, its `{{1}}` and `{{2}}` named `name` and `what` (so the bot's positional params fill
 * them in that order). With real credentials, create the template in Bird Studio with this body
 * and variables and get it approved; `npm start -- --bird` registers and approves it in the simulator.
 *
 * @example
 * new MessageBirdAdapter({ api: 'bird', ...keys, templates: sampleBirdTemplates(projectId) });
 */
export function sampleBirdTemplates(projectId: string) {
  return [
    {
      name: REMINDER_TEMPLATE,
      projectId,
      version: 'latest',
      language: 'en',
      category: 'UTILITY',
      variables: [...REMINDER_VARIABLES],
      content: REMINDER_CONTENT,
    },
  ] satisfies BirdTemplateDefinitionInput[];
}
