/**
 * Reads the form fields of a simulated gateway request: application/x-www-form-urlencoded and
 * multipart/form-data bodies (the seed documents multipart; working clients send urlencoded), plus
 * any fields in the query string. File parts are skipped, as they are not signed.
 */
import type { SimRequest } from '../simulator-server.js';

function parseMultipart(body: string, boundary: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const part of body.split(`--${boundary}`)) {
    if (part === '' || part.startsWith('--')) continue;
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const headers = part.slice(0, split);
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined || /filename=/i.test(headers)) continue;
    fields[name] = part.slice(split + 4).replace(/\r\n$/, '');
  }
  return fields;
}

/** All fields of the request; null when the body's content type is not a form. */
export function readFormFields(req: SimRequest): Record<string, string> | null {
  const fields: Record<string, string> = Object.fromEntries(req.query.entries());
  const contentType = req.headers['content-type'] ?? '';
  if (/^multipart\/form-data/i.test(contentType)) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (!boundary) return null;
    return { ...fields, ...parseMultipart(req.bodyText, boundary) };
  }
  if (/^application\/x-www-form-urlencoded/i.test(contentType) || (contentType === '' && req.bodyText === '')) {
    return { ...fields, ...Object.fromEntries(new URLSearchParams(req.bodyText).entries()) };
  }
  return null;
}
