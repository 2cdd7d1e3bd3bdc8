import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { loadApiConfig } from '../config.js';
import { createMailSender } from './create-mail-sender.js';

describe('createMailSender', () => {
  it('without a Resend key logs who gets which subject, never the body with its link', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const sender = createMailSender(loadApiConfig({}), logger);
    expect(sender.name).toBe('dev-log');
    await sender.send({
      id: 'mail-1',
      to: 'ann@example.com',
      subject: 'Reset your password',
      text: 'https://chat.example/reset-password?token=SECRET-TOKEN',
      html: '<a href="https://chat.example/reset-password?token=SECRET-TOKEN">reset</a>',
    });
    const output = lines.join('');
    expect(output).toContain('ann@example.com');
    expect(output).toContain('Reset your password');
    expect(output).not.toContain('SECRET-TOKEN');
  });

  it('uses Resend when a key is set', () => {
    const sender = createMailSender(loadApiConfig({ RESEND_API_KEY: 're_x' }), pino({ level: 'silent' }));
    expect(sender.name).toBe('resend');
  });
});
