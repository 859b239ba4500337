/** A webhook URL the local runtime refuses: only this machine's loopback may receive events. */
export class WebhookUrlError extends Error {
  override readonly name = 'WebhookUrlError';
}

// Literal loopback addresses only: a name (even localhost) is resolved by whatever the resolver
// says, so it could point events at another machine.
const loopbackHost = /^(?:127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}|\[::1\])$/;

const parsed = (value: string): URL | undefined => {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url : undefined;
};

/**
 * Checks a webhook URL given in configuration: http(s) to 127.0.0.0/8 or [::1], any port and path,
 * no credentials, no fragment. Refused at configuration time, never at delivery.
 * @throws WebhookUrlError naming the URL and what is wrong with it.
 */
export const loopbackWebhookUrl = (value: string): string => {
  const url = parsed(value);
  if (!url) {
    throw new WebhookUrlError(`Webhook "${value}" is not an http:// or https:// URL`);
  }
  if (!loopbackHost.test(url.hostname)) {
    throw new WebhookUrlError(
      `Webhook "${value}" is not on this machine: use 127.0.0.1 or [::1] (loopback only)`,
    );
  }
  if (url.username !== '' || url.password !== '' || url.hash !== '') {
    throw new WebhookUrlError(`Webhook "${value}" may not carry credentials or a fragment`);
  }
  return url.href;
};

/** A comma-separated list of webhook URLs, each checked. */
export const webhookUrlsOf = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map(loopbackWebhookUrl);
