import { EnvType as Type } from '@livechat/protocol';

/** The pino levels a LOG_LEVEL variable may name; every service's configuration schema uses this one. */
export const LogLevel = Type.Unsafe<'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'>(
  Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info' },
  ),
);
