export * from './bird.js';
export * from './cards.js';
export * from './contacts.js';
export * from './conversations.js';
export * from './ids.js';
export * from './messages.js';
export * from './requests.js';
export * from './webhooks.js';
