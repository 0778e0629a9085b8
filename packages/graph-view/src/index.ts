export * from './protocol.js';
export { renderHtmlPage } from './html.js';
