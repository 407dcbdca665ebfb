// Draws the app and tray icons with plain Node (zlib PNG encoding, 4×4 supersampling) so they can be
// regenerated without downloads or image tools: `node resources/generate-icons.mjs`.
// Output: resources/icon.png (512×512, electron-builder converts it to .ico/.icns) and
// resources/tray/tray-{idle,syncing,error}.png (16×16) + @2x (32×32).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** rgba: Uint8ClampedArray of size*size*4 → PNG bytes. */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
function nearSegment(x, y, ax, ay, bx, by, half) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= half * half;
}
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

/** Renders `shade(x, y)` (unit coordinates 0..1, returns [r,g,b,a] or null) with 4×4 supersampling. */
function render(size, shade) {
  const out = new Uint8ClampedArray(size * size * 4);
  const S = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy += 1) {
        for (let sx = 0; sx < S; sx += 1) {
          const c = shade((px + (sx + 0.5) / S) / size, (py + (sy + 0.5) / S) / size);
          if (!c) continue;
          const alpha = c[3] / 255;
          r += c[0] * alpha; g += c[1] * alpha; b += c[2] * alpha; a += alpha;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        out[i] = r / a; out[i + 1] = g / a; out[i + 2] = b / a; out[i + 3] = (a / (S * S)) * 255;
      }
    }
  }
  return out;
}

const TOP = [38, 132, 255, 255];
const BOTTOM = [16, 78, 180, 255];
const PAPER = [255, 255, 255, 255];
const RULE = [176, 204, 240, 255];
const MARGIN = [230, 80, 70, 255];
const INK = [16, 78, 180, 255];

// The app icon: a blue rounded square holding a ruled ledger page with a red margin line.
function appIcon(x, y) {
  if (!inRoundRect(x, y, 0.04, 0.04, 0.96, 0.96, 0.2)) return null;
  const bg = mix(TOP, BOTTOM, y);
  if (!inRoundRect(x, y, 0.24, 0.18, 0.76, 0.82, 0.05)) return bg;
  if (x > 0.33 && x < 0.345) return MARGIN;
  // A bold "¥" on the page: a V meeting a stem, with two cross bars.
  const stroke = 0.028;
  if (nearSegment(x, y, 0.44, 0.26, 0.53, 0.42, stroke) || nearSegment(x, y, 0.62, 0.26, 0.53, 0.42, stroke)) return INK;
  if (nearSegment(x, y, 0.53, 0.42, 0.53, 0.7, stroke)) return INK;
  if (nearSegment(x, y, 0.45, 0.5, 0.61, 0.5, stroke * 0.8) || nearSegment(x, y, 0.45, 0.58, 0.61, 0.58, stroke * 0.8)) return INK;
  for (const ry of [0.32, 0.42, 0.52, 0.62, 0.72]) if (Math.abs(y - ry) < 0.008 && x > 0.29 && x < 0.71) return RULE;
  return PAPER;
}

const STATUS_DOT = { idle: null, syncing: [38, 132, 255, 255], error: [220, 50, 47, 255] };

// Tray icons: a small ruled page; the status adds a coloured dot in the lower right corner.
function trayIcon(status) {
  const dot = STATUS_DOT[status];
  return (x, y) => {
    if (dot && inCircle(x, y, 0.74, 0.74, 0.26)) return inCircle(x, y, 0.74, 0.74, 0.2) ? dot : [255, 255, 255, 255];
    if (!inRoundRect(x, y, 0.12, 0.04, 0.82, 0.96, 0.1)) return null;
    if (!inRoundRect(x, y, 0.2, 0.12, 0.74, 0.88, 0.04)) return [70, 80, 95, 255];
    for (const ry of [0.34, 0.54, 0.74]) if (Math.abs(y - ry) < 0.05 && x > 0.3 && x < 0.66) return [70, 80, 95, 255];
    return [250, 250, 250, 255];
  };
}

function write(file, size, shade) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, encodePng(size, render(size, shade)));
  process.stdout.write(`wrote ${path.relative(here, file)} (${size}×${size})\n`);
}

write(path.join(here, 'icon.png'), 512, appIcon);
for (const status of Object.keys(STATUS_DOT)) {
  write(path.join(here, 'tray', `tray-${status}.png`), 16, trayIcon(status));
  write(path.join(here, 'tray', `tray-${status}@2x.png`), 32, trayIcon(status));
}
