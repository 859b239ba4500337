import type { RouteSpec } from '../lib/function-specs.js';

/** The outcome of matching a request line against the route table. */
export type RouteMatch<R extends RouteSpec> =
  | { readonly kind: 'found'; readonly route: R; readonly pathParameters: Record<string, string> }
  | { readonly kind: 'method-not-allowed'; readonly allow: readonly string[] }
  | { readonly kind: 'not-found' };

interface CompiledRoute<R extends RouteSpec> {
  readonly route: R;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^$()|[\]\\]/g, '\\$&');

const compile = <R extends RouteSpec>(route: R): CompiledRoute<R> => {
  const names: string[] = [];
  // `{id}` matches exactly one non-empty path segment, as in API Gateway (no greedy `{proxy+}` here).
  const source = route.path
    .split('/')
    .map((segment) => {
      const parameter = /^\{(\w+)\}$/.exec(segment);
      if (parameter?.[1] !== undefined) {
        names.push(parameter[1]);
        return '([^/]+)';
      }
      return escapeRegExp(segment);
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}$`), names };
};

const decode = (values: readonly string[]): string[] | undefined => {
  try {
    return values.map((value) => decodeURIComponent(value));
  } catch {
    return undefined;
  }
};

/** Builds a matcher for a route table: method + raw path in, route and path parameters out. */
export const createRouteMatcher = <R extends RouteSpec>(routes: readonly R[]) => {
  const compiled = routes.map(compile);
  return (method: string, path: string): RouteMatch<R> => {
    const allow: string[] = [];
    for (const candidate of compiled) {
      const found = candidate.pattern.exec(path);
      if (!found) {
        continue;
      }
      if (candidate.route.method !== method) {
        allow.push(candidate.route.method);
        continue;
      }
      const values = decode(found.slice(1));
      if (!values) {
        return { kind: 'not-found' };
      }
      const pathParameters = Object.fromEntries(
        candidate.names.map((name, index) => [name, values[index] ?? '']),
      );
      return { kind: 'found', route: candidate.route, pathParameters };
    }
    return allow.length > 0 ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
  };
};
