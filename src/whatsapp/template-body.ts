import * as v from 'valibot';
import { placeholdersOf } from './placeholders.js';

/** The longest template body. source: messagebird-facts.md (Templates: body up to 1024 characters). */
export const TEMPLATE_BODY_LIMIT = 1024;

/** Why a template body is refused (empty, too long, placeholders), or `undefined` when it is not. */
export function templateBodyProblem(content: string): string | undefined {
  if (content.length === 0) return 'give the body text, with {{1}}-style placeholders';
  if (content.length > TEMPLATE_BODY_LIMIT) {
    return `template bodies are at most ${TEMPLATE_BODY_LIMIT} characters; this one has ${content.length}`;
  }
  const placeholders = placeholdersOf(content);
  return 'problem' in placeholders ? placeholders.problem : undefined;
}

/** A template body as WhatsApp accepts it: 1 to 1024 characters, placeholders by its grammar. */
export const TemplateBody = v.pipe(
  v.string(),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = templateBodyProblem(dataset.value);
    if (problem) addIssue({ message: problem });
  }),
);
