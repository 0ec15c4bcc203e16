import { DomainError } from '../errors.ts';
import type { MessageKey } from '../messages.ts';

/**
 * An administrator's change the rules refuse (a code in use, a cycle, the last administrator…):
 * `reason` is a stable code, `field` the input it is about, `params` fill the message's blanks.
 */
export class AdminRefusedError extends DomainError {
  override name = 'AdminRefusedError';
  constructor(
    messageKey: MessageKey,
    readonly reason: string,
    field: string | null = null,
    readonly params: Record<string, string> = {},
  ) {
    super(messageKey, field);
  }
}
