export const rate = (perSec: number): string =>
  perSec >= 1000
    ? `${(perSec / 1000).toFixed(1)}k/s`
    : perSec >= 10
      ? `${Math.round(perSec)}/s`
      : `${perSec.toFixed(1)}/s`;

export const millis = (ms: number | null): string =>
  ms === null ? '–' : ms < 1 ? `${(ms * 1000).toFixed(0)}µs` : `${ms.toFixed(1)}ms`;

export const show = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));
