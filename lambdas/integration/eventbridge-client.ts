import type { PutEvents } from './eventbridge-publisher.js';

/**
 * PutEvents through the AWS SDK, which is imported on the first call only: the stream consumer is
 * the one function that publishes, and only when a bus is configured, so no other function (and no
 * consumer without a bus) loads the EventBridge client.
 */
export const sdkPutEvents = (region: string | undefined): PutEvents => {
  let send: Promise<PutEvents> | undefined;
  const connect = async (): Promise<PutEvents> => {
    const { EventBridgeClient, PutEventsCommand } = await import('@aws-sdk/client-eventbridge');
    const client = new EventBridgeClient(region ? { region } : {});
    return async (entries) =>
      (await client.send(new PutEventsCommand({ Entries: entries }))).Entries ?? [];
  };
  return async (entries) => {
    send ??= connect();
    return (await send)(entries);
  };
};
