/** Validates custom field values against their definitions (R5.2): type and max length. */
import { AppError } from '../domain/errors.js';
import type { FieldDef } from './fields.js';

const PHONE_CHARS = /^[0-9+()\-./ x#*]*$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function validateCustomValues(defs: readonly FieldDef[], values: Record<string, unknown>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [name, raw] of Object.entries(values)) {
    const field = `custom.${name}`;
    const def = defs.find((f) => f.name === name && !f.builtIn);
    if (!def) throw new AppError('validation-failed', `Unknown field ${field}`, { field });
    if (raw === null || raw === '') { out[name] = null; continue; }
    if (typeof raw !== 'string' && typeof raw !== 'number') {
      throw new AppError('validation-failed', `${field} must be a string`, { field });
    }
    const value = String(raw);
    if (def.maxLength !== null && value.length > def.maxLength) {
      throw new AppError('validation-failed', `${field} is longer than ${def.maxLength} characters`, { field, maxLength: def.maxLength });
    }
    const bad = (why: string) => new AppError('validation-failed', `${field} ${why}`, { field });
    switch (def.type) {
      case 'phone': if (!PHONE_CHARS.test(value) || !/\d/.test(value)) throw bad('is not a phone number'); break;
      case 'email': if (!EMAIL.test(value)) throw bad('is not an e-mail address'); break;
      case 'number': if (!Number.isFinite(Number(value))) throw bad('is not a number'); break;
      case 'date': if (!DATE.test(value)) throw bad('is not a date (YYYY-MM-DD)'); break;
      case 'select': if (def.options && !def.options.includes(value)) throw bad(`must be one of ${def.options.join(', ')}`); break;
      default: break;
    }
    out[name] = value;
  }
  return out;
}
