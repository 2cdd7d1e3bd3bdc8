import { EnvType as Type } from '@livechat/protocol';

/**
 * The variables that place a process's `/metrics` listener; every service's configuration schema spreads
 * these in. Unset METRICS_PORT serves no metrics at all.
 */
export const MetricsSettings = {
  /** Port of the internal `/metrics` listener (Prometheus); unset → no metrics listener. */
  METRICS_PORT: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
  /** Address of the metrics listener: loopback unless a scraper elsewhere must reach it. */
  METRICS_HOST: Type.String({ default: '127.0.0.1' }),
};
