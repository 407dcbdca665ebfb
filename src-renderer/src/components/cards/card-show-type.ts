/** How a card code is shown: 1 number + password as text, 2 a QR code, 3 a barcode. */
import type { CardShowType } from '../../api/record-types.js';

export type ShowTypeKey = 'text' | 'qr' | 'barcode';

export function showTypeKey(type: CardShowType): ShowTypeKey {
  return type === 2 ? 'qr' : type === 3 ? 'barcode' : 'text';
}
