/**
 * A LIKE pattern matching strings that start with `prefix` literally: `%`, `_` and the escape character
 * itself (backslash, PostgreSQL's default) are escaped, so a search for `50%_off` finds that text and not
 * everything starting with `50`.
 */
export const likePrefixPattern = (prefix: string): string => `${prefix.replace(/[\\%_]/g, '\\$&')}%`;
