#!/usr/bin/env node
// The phone app's icons (docs/phone-app.md), made once from the Rempart mark (the favicon's
// rampart with a gate) and committed under web/public/icons/:
//   icon.svg                 any size, rounded square (browsers that take SVG icons)
//   icon-192.png, icon-512.png      "any" purpose (Android launcher, install prompt, splash)
//   icon-maskable-512.png    "maskable": full-bleed background, the mark inside the 80 % safe circle
//   apple-touch-icon.png     180 × 180, opaque, full bleed (iOS rounds the corners itself)
// Run again after changing the mark: `node scripts/make-icons.mjs`.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const out = fileURLToPath(new URL('../web/public/icons/', import.meta.url));
// --c-primary in web/src/styles.css (the manifest's theme colour).
const blue = '#1d4e89';

/** The mark in a 32-unit box, scaled around its centre (16, 16.5). */
const mark = (scale) =>
  `<g transform="translate(16 16.5) scale(${scale}) translate(-16 -16.5)">` +
  `<path d="M6 26V10l4-3 4 3 4-3 4 3 4-3v19z" fill="#fff"/><rect x="13" y="17" width="6" height="9" fill="${blue}"/></g>`;

const svg = (background, scale) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${background}${mark(scale)}</svg>\n`;

const rounded = svg(`<rect width="32" height="32" rx="6" fill="${blue}"/>`, 1);
// The safe zone of a maskable icon is the circle of radius 40 % around the centre: the mark's
// farthest corner must stay inside it.
const fullBleed = (scale) => svg(`<rect width="32" height="32" fill="${blue}"/>`, scale);

async function png(source, size, name) {
  const bytes = await sharp(Buffer.from(source), { density: Math.ceil((72 * size) / 32) })
    .resize(size, size)
    .png({ compressionLevel: 9, palette: true })
    .toBuffer();
  await writeFile(new URL(name, `file://${out}`), bytes);
  return `${name} (${bytes.length} bytes)`;
}

await mkdir(out, { recursive: true });
await writeFile(new URL('icon.svg', `file://${out}`), rounded);
const made = [
  await png(rounded, 192, 'icon-192.png'),
  await png(rounded, 512, 'icon-512.png'),
  await png(fullBleed(0.9), 512, 'icon-maskable-512.png'),
  await png(fullBleed(0.8), 180, 'apple-touch-icon.png'),
];
console.log(`web/public/icons/: icon.svg, ${made.join(', ')}`);
