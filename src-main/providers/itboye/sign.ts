/**
 * itboye "by" gateway request signing. Two generations of the gateway exist (providers.md §1.2); which one
 * a deployment uses is not documented, so the client takes a pluggable signer and ships Variant A
 * (md5 over the form fields, client-secret only), the one seen in itboye's own Android client.
 */
import { createHash } from 'node:crypto';

/** The gateway's default (and only documented) interface version. */
export const DEFAULT_SERVICE_VERSION = '100';

/** What a signer sees: the exact strings that go into the form, `bussData` byte for byte. */
export interface ItboyeSignInput {
  /** 13-digit epoch milliseconds as sent in `app_request_time`. */
  readonly appRequestTime: string;
  readonly clientSecret: string;
  readonly serviceType: string;
  readonly serviceVersion: string;
  /** The JSON text sent in `buss_data`, unmodified. */
  readonly bussData: string;
}

/** A signing scheme of the gateway; returns the value of the `sign` form field. */
export interface ItboyeSigner {
  readonly name: string;
  sign(input: ItboyeSignInput): string;
}

/** Variant A: `lower_hex(md5(app_request_time + client_secret + service_type + service_version + buss_data))`. */
export function signVariantA(input: ItboyeSignInput): string {
  const origin = input.appRequestTime + input.clientSecret + input.serviceType + input.serviceVersion + input.bussData;
  return createHash('md5').update(origin, 'utf8').digest('hex');
}

export const md5FormSigner: ItboyeSigner = { name: 'md5-form', sign: signVariantA };
