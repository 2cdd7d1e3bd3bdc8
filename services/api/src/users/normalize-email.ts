/**
 * Addresses are stored and compared lower-cased: `Ann@Example.com` and `ann@example.com` are one account.
 * (The local part is case-sensitive in theory; no mail provider people use treats it so.)
 */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
