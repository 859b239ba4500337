import type { ServerResponse } from 'node:http';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { writeProblem } from './problem.js';

const isStatus = (status: number): boolean =>
  Number.isInteger(status) && status >= 100 && status <= 599;

const lowerCased = (headers: Record<string, boolean | number | string>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]),
  );

const bodyOf = (result: APIGatewayProxyStructuredResultV2): Buffer =>
  Buffer.from(result.body ?? '', result.isBase64Encoded === true ? 'base64' : 'utf8');

/**
 * Writes a handler's structured result as API Gateway does: status 200 unless given, JSON content
 * type unless given, base64 bodies decoded, cookies as Set-Cookie. A malformed result is a 500.
 */
export const writeResult = (
  response: ServerResponse,
  result: APIGatewayProxyStructuredResultV2,
): number => {
  const status = result.statusCode ?? 200;
  if (!isStatus(status)) {
    return writeProblem(response, 'internal-error', 'The request could not be processed.');
  }
  const body = bodyOf(result);
  const headers = lowerCased(result.headers ?? {});
  if (body.length > 0 && headers['content-type'] === undefined) {
    headers['content-type'] = 'application/json';
  }
  if (result.cookies?.length) {
    response.setHeader('set-cookie', result.cookies);
  }
  response.writeHead(status, { ...headers, 'content-length': String(body.length) });
  response.end(body);
  return status;
};
