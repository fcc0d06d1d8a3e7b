/**
 * GetRandomPassword's generator: a password drawn with node:crypto's `randomInt` from the character
 * types AWS uses (lowercase and uppercase letters, digits, printable ASCII punctuation, and the
 * space when asked for), less ExcludeCharacters. With RequireEachIncludedType (the default) the
 * password holds at least one character of every type left, and requests that cannot be met (no
 * character left, or fewer characters than types) are refused with InvalidParameterException
 * rather than answered with a weaker password.
 */
import { randomInt } from 'node:crypto';
import type { GetRandomPasswordRequest } from '@aws-sdk/client-secrets-manager';
import type { Wire } from '../../protocol/json-provider';
import { InvalidParameterException } from './errors';

const LOWERCASE = 'abcdefghijklmnopqrstuvwxyz';
const UPPERCASE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const NUMBERS = '0123456789';
/** Every printable ASCII character that is neither a letter, a digit nor the space. */
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

const DEFAULT_LENGTH = 32;
const MAX_LENGTH = 4096;

export function randomPassword(input: Wire<GetRandomPasswordRequest>): string {
  const length = input.PasswordLength ?? DEFAULT_LENGTH;
  if (!(Number.isInteger(length) && length >= 1 && length <= MAX_LENGTH))
    throw new InvalidParameterException(`PasswordLength must be from 1 to ${MAX_LENGTH}.`);
  const exclude = input.ExcludeCharacters ?? '';
  if (typeof exclude !== 'string' || exclude.length > MAX_LENGTH)
    throw new InvalidParameterException(
      `ExcludeCharacters must be a string of at most ${MAX_LENGTH} characters.`,
    );
  const excluded = new Set(exclude);
  const candidates: [name: string, chars: string, included: boolean][] = [
    ['lowercase letters', LOWERCASE, input.ExcludeLowercase !== true],
    ['uppercase letters', UPPERCASE, input.ExcludeUppercase !== true],
    ['numbers', NUMBERS, input.ExcludeNumbers !== true],
    ['punctuation', PUNCTUATION, input.ExcludePunctuation !== true],
    ['space', ' ', input.IncludeSpace === true],
  ];
  // PARITY: a type whose every character is in ExcludeCharacters counts as excluded, so
  // RequireEachIncludedType does not ask for a character that cannot be drawn.
  const types = candidates
    .filter(([, , included]) => included)
    .map(([name, chars]) => ({ name, chars: [...chars].filter((c) => !excluded.has(c)) }))
    .filter((type) => type.chars.length > 0);
  if (types.length === 0) {
    throw new InvalidParameterException(
      'No characters are left to build a password from: every character type is excluded (by the Exclude* flags or ExcludeCharacters).',
    );
  }
  const requireEach = input.RequireEachIncludedType !== false;
  // PARITY: AWS does not document this case; a password shorter than the number of required
  // types is refused rather than silently missing a type.
  if (requireEach && length < types.length) {
    throw new InvalidParameterException(
      `PasswordLength ${length} cannot hold one character of each included type (${types.map((t) => t.name).join(', ')}); ` +
        'use a longer password, exclude types, or set RequireEachIncludedType to false.',
    );
  }
  const pool = types.flatMap((t) => t.chars);
  const chars = requireEach ? types.map((t) => pick(t.chars)) : [];
  while (chars.length < length) chars.push(pick(pool));
  // Shuffle (Fisher–Yates) so the required characters are not always the first ones.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

function pick(chars: readonly string[]): string {
  return chars[randomInt(chars.length)];
}
