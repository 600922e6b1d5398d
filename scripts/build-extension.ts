// npm run build:extension — the browser extension (extension/, Manifest V3) in three forms
// (docs/extension.md):
//   dist/unpacked/        load it with "Load unpacked" (developer mode); its manifest carries the
//                         public key, so its id is the same as the signed package's
//   dist/rempart-<v>.zip  for the Chrome Web Store / Edge Add-ons (generic: no server address)
//   dist/rempart.crx      signed CRX3, served by Rempart at /extension/rempart.crx with its
//                         update manifest, for force-installation by policy
//   dist/build.json       id, version, file names (read by src/http/routes/extension.ts)
// The board's build names its server (--server-url, REMPART_EXTENSION_SERVER_URL or PUBLIC_URL):
// the CRX then holds host access to that origin only, its update URL and the address as default.
// The signing key (RSA-2048, made once) comes from REMPART_EXTENSION_KEY (PEM text or a file) or
// extension/key.pem (git-ignored). The key fixes the extension id: keep it, back it up.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import yazl from 'yazl';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const source = join(repoRoot, 'extension');

export interface BuildOptions {
  /** Output directory (default extension/dist). */
  outDir?: string;
  /** The board's Rempart address: host access, update URL and default address in the CRX. */
  serverUrl?: string | undefined;
  /** The signing key: PEM text, or the path of a PEM file (created when missing). */
  key?: string | undefined;
  /** Version (1 to 4 dot-separated numbers); default: package.json's. */
  version?: string | undefined;
  /** Test build: enables the hooks the browser test uses (never in a shipped package). */
  testHooks?: boolean;
}

export interface BuildResult {
  id: string;
  version: string;
  outDir: string;
  unpackedDir: string;
  zipPath: string;
  crxPath: string;
  publicKeyDer: Buffer;
  serverUrl: string | undefined;
}

// ---------------------------------------------------------------- CRX3

/** The extension id: the first 16 bytes of SHA-256(public key DER), each nibble as a letter a–p. */
export function crxIdBytes(publicKeyDer: Buffer): Buffer {
  return createHash('sha256').update(publicKeyDer).digest().subarray(0, 16);
}

export function extensionIdFromPublicKey(publicKeyDer: Buffer): string {
  return [...crxIdBytes(publicKeyDer).toString('hex')].map((c) => String.fromCharCode(97 + Number.parseInt(c, 16))).join('');
}

function varint(value: number): Buffer {
  const out: number[] = [];
  let n = value;
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return Buffer.from(out);
}

/** A length-delimited protobuf field (wire type 2): key, length, bytes. */
function bytesField(fieldNumber: number, bytes: Buffer): Buffer {
  return Buffer.concat([varint(fieldNumber * 8 + 2), varint(bytes.length), bytes]);
}

function le32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

const SIGNATURE_CONTEXT = Buffer.from('CRX3 SignedData\x00', 'latin1');

/**
 * A CRX3 file (components/crx_file/crx3.proto): "Cr24", version 3, header length, the
 * CrxFileHeader { sha256_with_rsa (2): AsymmetricKeyProof { public_key (1), signature (2) },
 * signed_header_data (10000): SignedData { crx_id (1) } }, then the ZIP. The RSA PKCS#1 v1.5
 * SHA-256 signature covers "CRX3 SignedData\0", le32(len(signed_header_data)),
 * signed_header_data and the ZIP bytes.
 */
export function crx3(zip: Buffer, privateKey: KeyObject): Buffer {
  const publicKeyDer = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const signedData = bytesField(1, crxIdBytes(publicKeyDer));
  const signature = sign('sha256', Buffer.concat([SIGNATURE_CONTEXT, le32(signedData.length), signedData, zip]), privateKey);
  const proof = Buffer.concat([bytesField(1, publicKeyDer), bytesField(2, signature)]);
  const header = Buffer.concat([bytesField(2, proof), bytesField(10000, signedData)]);
  return Buffer.concat([Buffer.from('Cr24', 'latin1'), le32(3), le32(header.length), header, zip]);
}

// ---------------------------------------------------------------- key, zip, files

async function loadKey(option: string | undefined): Promise<KeyObject> {
  const given = option ?? process.env.REMPART_EXTENSION_KEY;
  if (given?.includes('-----BEGIN')) return createPrivateKey(given);
  const path = resolve(given ?? join(source, 'key.pem'));
  if (!existsSync(path)) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    await chmod(path, 0o600);
    console.log(`extension: new signing key in ${path} — keep it and back it up (it fixes the extension id)`);
  }
  return createPrivateKey(await readFile(path, 'utf8'));
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
  );
  return nested.flat();
}

// Fixed times and sorted names: the same sources give the same ZIP, byte for byte.
const ZIP_TIME = new Date('2026-01-01T00:00:00Z');

async function zipOf(files: Map<string, Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const name of [...files.keys()].sort()) zip.addBuffer(files.get(name)!, name, { mtime: ZIP_TIME, mode: 0o100644 });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function packageVersion(pkg: { version: string }, override: string | undefined): string {
  const version = override ?? process.env.REMPART_EXTENSION_VERSION ?? pkg.version.replace(/[-+].*$/, '');
  if (!/^\d+(\.\d+){0,3}$/.test(version)) throw new Error(`extension version must be 1 to 4 numbers separated by dots: ${version}`);
  return version;
}

function serverOrigin(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`server URL must be http(s): ${url}`);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

// ---------------------------------------------------------------- build

export async function buildExtension(options: BuildOptions = {}): Promise<BuildResult> {
  const { build } = await import('esbuild');
  const outDir = resolve(options.outDir ?? join(source, 'dist'));
  const unpackedDir = join(outDir, 'unpacked');
  const staging = join(outDir, '.staging');
  await rm(outDir, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });

  const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const version = packageVersion(pkg, options.version);
  const serverUrl = serverOrigin(options.serverUrl ?? process.env.REMPART_EXTENSION_SERVER_URL ?? process.env.PUBLIC_URL);
  const privateKey = await loadKey(options.key);
  const publicKeyDer = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const id = extensionIdFromPublicKey(publicKeyDer);

  // Scripts: the worker as an ES module, the popup and the region overlay as classic scripts.
  const common = {
    bundle: true,
    platform: 'browser' as const,
    target: 'chrome116',
    charset: 'utf8' as const,
    legalComments: 'none' as const,
    // Folds the test-hook branches away in a shipped build; names and layout stay readable for review.
    minifySyntax: true,
    logLevel: 'warning' as const,
    define: { __REMPART_TEST_HOOKS__: options.testHooks ? 'true' : 'false' },
    outdir: staging,
  };
  await build({ ...common, entryPoints: { background: join(source, 'src/background/background.ts') }, format: 'esm' });
  await build({
    ...common,
    entryPoints: { popup: join(source, 'src/popup/popup.ts'), region: join(source, 'src/region/region.ts') },
    format: 'iife',
  });
  await cp(join(source, 'static'), staging, { recursive: true });
  await cp(join(source, '_locales'), join(staging, '_locales'), { recursive: true });
  await cp(join(source, 'managed_schema.json'), join(staging, 'managed_schema.json'));
  await mkdir(join(staging, 'icons'));
  const svg = await readFile(join(source, 'icon.svg'));
  for (const size of [16, 32, 48, 128]) {
    await sharp(svg, { density: 72 * (size / 32) * 2 })
      .resize(size, size)
      .png({ compressionLevel: 9 })
      .toFile(join(staging, 'icons', `icon-${size}.png`));
  }

  const files = new Map<string, Buffer>();
  for (const path of await listFiles(staging)) files.set(relative(staging, path).split(sep).join('/'), await readFile(path));
  const template = JSON.parse(await readFile(join(source, 'manifest.json'), 'utf8')) as Record<string, unknown>;

  // The generic package (stores): no server, host access asked for at pairing.
  const storeManifest = { ...template, version };
  // The board's package (CRX, unpacked): host access to its server only, granted at install,
  // the address as default, and where to look for updates.
  const boardManifest = {
    ...storeManifest,
    ...(serverUrl
      ? {
          host_permissions: [`${new URL(serverUrl).protocol}//${new URL(serverUrl).hostname}/*`],
          update_url: `${serverUrl}/extension/updates.xml`,
        }
      : {}),
  };
  const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
  const config = serverUrl ? new Map([['config.json', json({ serverUrl })]]) : new Map<string, Buffer>();

  const storeZip = await zipOf(new Map([...files, ['manifest.json', json(storeManifest)]]));
  const boardZip = await zipOf(new Map([...files, ...config, ['manifest.json', json(boardManifest)]]));
  const crx = crx3(boardZip, privateKey);

  const unpacked = new Map([...files, ...config, ['manifest.json', json({ ...boardManifest, key: publicKeyDer.toString('base64') })]]);
  for (const [name, bytes] of unpacked) {
    await mkdir(dirname(join(unpackedDir, name)), { recursive: true });
    await writeFile(join(unpackedDir, name), bytes);
  }
  await rm(staging, { recursive: true, force: true });
  const zipName = `rempart-${version}.zip`;
  await writeFile(join(outDir, zipName), storeZip);
  await writeFile(join(outDir, 'rempart.crx'), crx);
  await writeFile(
    join(outDir, 'build.json'),
    json({
      id,
      version,
      crx: 'rempart.crx',
      zip: zipName,
      serverUrl: serverUrl ?? null,
      crxSha256: createHash('sha256').update(crx).digest('hex'),
    }),
  );
  return {
    id,
    version,
    outDir,
    unpackedDir,
    zipPath: join(outDir, zipName),
    crxPath: join(outDir, 'rempart.crx'),
    publicKeyDer,
    serverUrl,
  };
}

function argument(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const result = await buildExtension({ outDir: argument('out'), serverUrl: argument('server-url'), key: argument('key') });
  const size = (await stat(result.crxPath)).size;
  console.log(`extension ${result.id} ${result.version}`);
  console.log(`  unpacked  ${relative(process.cwd(), result.unpackedDir)}`);
  console.log(`  store zip ${relative(process.cwd(), result.zipPath)}`);
  console.log(`  crx       ${relative(process.cwd(), result.crxPath)} (${size} bytes)`);
  if (result.serverUrl) {
    console.log(`  policy    ExtensionInstallForcelist: ${result.id};${result.serverUrl}/extension/updates.xml`);
  } else {
    console.log('  (no server address: set PUBLIC_URL or --server-url= for the force-installable package)');
  }
}
