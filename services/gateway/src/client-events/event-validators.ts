import { Compile } from 'typebox/compile';
import { CLIENT_EVENTS, type ClientEventName } from '@livechat/protocol';

/** One compiled validator per client event of the protocol. */
const validators = new Map(Object.entries(CLIENT_EVENTS).map(([name, schema]) => [name, Compile(schema)]));

export const isClientEvent = (name: string): name is ClientEventName => validators.has(name);

/** Checks a payload against its event's schema: null when valid, else what is wrong, for a person. */
export function payloadProblem(name: ClientEventName, payload: unknown): string | null {
  const validator = validators.get(name)!;
  if (validator.Check(payload)) return null;
  const [first] = validator.Errors(payload);
  return first ? `${first.instancePath || 'payload'} ${first.message}` : 'invalid payload';
}
