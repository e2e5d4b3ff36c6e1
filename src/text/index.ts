export {
  defaultMaxLength,
  escapeHtml,
  sanitizeText,
  type SanitizeOptions,
} from './sanitize.js';
