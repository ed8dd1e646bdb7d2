import { describe, expect, it } from 'vitest';
import { applyToLambda, lambdaIn } from './lambda-edit.js';

// The snippet `PREFIX` + code + `SUFFIX`, the lambda at offset 6.
const PREFIX = 'ctx= (';
const SUFFIX = ');';

describe('applyToLambda', () => {
  it('applies an edit inside the lambda', () => {
    expect(applyToLambda('(k) => k', 6, [{ rangeOffset: 13, rangeLength: 1, text: 'k.id' }])).toBe(
      '(k) => k.id',
    );
  });

  it('keeps only the part inside the lambda of an edit that reaches into the context', () => {
    // Backspace at the lambda's start deletes the context's last character: the lambda is unchanged.
    expect(applyToLambda('(k) => k', 6, [{ rangeOffset: 5, rangeLength: 1, text: '' }])).toBe('(k) => k');
    // A selection over everything, typed over: the typed text is the lambda.
    expect(applyToLambda('(k) => k', 6, [{ rangeOffset: 0, rangeLength: 16, text: 'x' }])).toBe('x');
  });

  it('applies several edits by their offsets before any of them', () => {
    const edits = [
      { rangeOffset: 6, rangeLength: 0, text: '[' },
      { rangeOffset: 14, rangeLength: 0, text: ']' },
    ];
    expect(applyToLambda('(k) => k', 6, edits)).toBe('[(k) => k]');
  });
});

describe('lambdaIn', () => {
  it('finds the lambda only in a whole snippet', () => {
    expect(lambdaIn(`${PREFIX}(k) => k${SUFFIX}`, PREFIX, SUFFIX)).toBe('(k) => k');
    expect(lambdaIn(`${PREFIX.slice(1)}(k) => k${SUFFIX}`, PREFIX, SUFFIX)).toBeUndefined();
  });
});
