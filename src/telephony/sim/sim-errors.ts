/**
 * Why the simulated PBX refuses a command, and the pure translation of that refusal to the
 * provider contract's `ProviderError` (the CTI core maps those to the error catalogue).
 */
import { ProviderError } from '../provider.js';

export type SimRefusal =
  | 'link-down'
  | 'unknown-device'
  | 'unknown-call'
  | 'wrong-state'
  | 'unroutable';

export const toProviderError = (refusal: SimRefusal, message: string): ProviderError => {
  switch (refusal) {
    case 'link-down':
      return new ProviderError('down', message);
    case 'unknown-device':
      return new ProviderError('unknown-device', message);
    case 'unknown-call':
      return new ProviderError('unknown-call', message);
    case 'wrong-state':
      return new ProviderError('invalid-state', message);
    case 'unroutable':
      return new ProviderError('refused', message);
  }
};

/** Thrown inside the sim; `toProviderError` is applied at the provider boundary. */
export class SimRefused extends Error {
  constructor(readonly refusal: SimRefusal, message: string) {
    super(message);
    this.name = 'SimRefused';
  }
}
