export * from './assets.js';
export * from './payload-log.js';
export * from './routes.js';
export * from './views.js';
