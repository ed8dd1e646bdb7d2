import { StudioApiError } from './errors.js';
import { callInputs, isCallName, type CallName, type ParsedInput } from './inputs.js';

/** Formats zod issues as `path: message`, one per line, so a bad call says which field is wrong. */
export function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .map((i) => `${i.path.length > 0 ? i.path.map(String).join('.') : '(input)'}: ${i.message}`)
    .join('\n');
}

/** Checks a call's name and input; throws a StudioApiError naming the call and every bad field. */
export function parseCall(name: string, input: unknown): { name: CallName; input: ParsedInput<CallName> } {
  if (!isCallName(name)) throw new StudioApiError('unknown-call', `unknown studio call "${name}"`);
  const parsed = callInputs[name].safeParse(input ?? {});
  if (!parsed.success)
    throw new StudioApiError(
      'invalid-input',
      `${name}: invalid input\n${describeIssues(parsed.error.issues)}`,
    );
  return { name, input: parsed.data };
}
