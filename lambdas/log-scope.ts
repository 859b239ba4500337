import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line of one unit of work names: its request, route and trace. */
export interface LogScope {
  readonly requestId?: string;
  readonly route?: string;
  /** The W3C traceparent of the work (the request, or the event a consumer is applying). */
  readonly traceparent?: string;
  readonly [key: string]: string | number | undefined;
}

const scopes = new AsyncLocalStorage<LogScope>();

/**
 * Runs `work` with `scope` added to the scope it runs in. The scope follows the work's own async
 * calls only, so requests served at the same time (the local runtime, a Lambda handling several
 * invocations at once) never see each other's request id or route.
 */
export const inLogScope = <T>(scope: LogScope, work: () => T): T =>
  scopes.run({ ...scopes.getStore(), ...scope }, work);

/** The scope of the work running now (empty outside any). */
export const currentLogScope = (): LogScope => scopes.getStore() ?? {};

/** The traceparent of the work running now, for the metadata of the events it appends. */
export const currentTraceparent = (): string | undefined => scopes.getStore()?.traceparent;
