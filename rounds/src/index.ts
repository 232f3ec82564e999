export { loadCatalog, ContentError, DEFAULT_CONTENT_DIR, type ContentProblem } from './load';
