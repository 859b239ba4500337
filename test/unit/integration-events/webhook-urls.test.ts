import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../lambdas/config.js';
import {
  loopbackWebhookUrl,
  WebhookUrlError,
  webhookUrlsOf,
} from '../../../lambdas/webhook-urls.js';

describe('webhook URLs', () => {
  it.each([
    'http://127.0.0.1:4000/hooks/ledger',
    'https://127.0.0.1/',
    'http://[::1]:8080/events?token=abc',
    'http://127.1.2.3:9/',
  ])('accepts the loopback URL %s', (url) => {
    expect(loopbackWebhookUrl(url)).toBe(new URL(url).href);
  });

  it.each([
    ['a name, even localhost', 'http://localhost:4000/'],
    ['another machine', 'http://10.0.0.5/'],
    ['a public host', 'https://hooks.example.com/ledger'],
    ['a name that starts like loopback', 'http://127.0.0.1.nip.io/'],
    ['an IPv4-mapped IPv6 address', 'http://[::ffff:127.0.0.1]/'],
    ['the unspecified address', 'http://0.0.0.0:4000/'],
    ['credentials', 'http://user:pass@127.0.0.1/'],
    ['a fragment', 'http://127.0.0.1/#x'],
    ['another scheme', 'file:///etc/passwd'],
    ['no URL at all', 'not a url'],
  ])('refuses %s', (_, url) => {
    expect(() => loopbackWebhookUrl(url)).toThrow(WebhookUrlError);
  });

  it('refuses every host outside 127.0.0.0/8 and [::1]', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.domain(),
          fc.ipV4(),
          fc.ipV6().map((ip) => `[${ip}]`),
        ),
        (host) => {
          const url = `http://${host}/hook`;
          const hostname = URL.canParse(url) ? new URL(url).hostname : '';
          fc.pre(!/^127\./.test(hostname) && hostname !== '[::1]');

          expect(() => loopbackWebhookUrl(url)).toThrow(WebhookUrlError);
        },
      ),
    );
  });

  it('refuses a configuration naming a non-loopback webhook before anything starts', () => {
    expect(() =>
      loadConfig({ INTEGRATION_WEBHOOK_URLS: 'http://127.0.0.1:1/, https://evil.example/' }),
    ).toThrow('Webhook "https://evil.example/" is not on this machine');
    expect(webhookUrlsOf(' http://127.0.0.1:1/a ,,http://[::1]:2/b ')).toEqual([
      'http://127.0.0.1:1/a',
      'http://[::1]:2/b',
    ]);
  });
});
