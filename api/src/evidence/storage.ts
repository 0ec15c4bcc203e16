// Evidence files on disk: content-addressed by SHA-256, so the same file uploaded twice is
// stored once (two Evidence rows point at it). The type is decided from the bytes, never from
// the name or the client's MIME type.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileTypeFromBuffer } from 'file-type';

/** The root package's name, to find the repository root from wherever this module is loaded. */
const ROOT_PACKAGE = 'reform-tracker';

let cachedRoot: string | undefined;

/**
 * The repository root. scripts/lib/paths.ts finds it two folders above itself, which is right
 * when run by tsx but not inside the web app's bundle (web/build/server/chunks/…); climbing to
 * the folder whose package.json is the root package works in both.
 */
function repositoryRoot(): string {
  if (cachedRoot) return cachedRoot;
  let folder = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(folder, 'package.json');
    if (existsSync(manifest)) {
      try {
        const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
        if (parsed.name === ROOT_PACKAGE) return (cachedRoot = folder);
      } catch {
        // Not readable as JSON: keep climbing.
      }
    }
    const parent = path.dirname(folder);
    if (parent === folder) return (cachedRoot = process.cwd());
    folder = parent;
  }
}

/**
 * The folder evidence files are kept in: RT_EVIDENCE_DIR when set, else `evidence` in the data
 * folder (RT_DATA_DIR, or `.data` in the repository — scripts/lib/paths.ts defaultDataDir). In
 * production the data folder is used too; the README asks for RT_EVIDENCE_DIR (or RT_DATA_DIR) on
 * a disk that is backed up.
 */
export function evidenceDir(): string {
  const configured = process.env.RT_EVIDENCE_DIR;
  if (configured) return path.resolve(configured);
  const dataDir = process.env.RT_DATA_DIR
    ? path.resolve(process.env.RT_DATA_DIR)
    : path.join(repositoryRoot(), '.data');
  return path.join(dataDir, 'evidence');
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Where the file with this SHA-256 (lower-case hex) is kept: `<dir>/<first two>/<sha256>`. */
export function evidenceFilePath(dir: string, sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error(`Not a SHA-256 in lower-case hex: ${sha256}`);
  return path.join(dir, sha256.slice(0, 2), sha256);
}

export interface StoredEvidenceFile {
  sha256: string;
  sizeBytes: number;
  path: string;
}

/**
 * Stores the bytes under their SHA-256. Written to a temporary file in the same folder, flushed,
 * then renamed into place, so a reader never sees half a file; when the file is already there
 * (same content), nothing is written.
 */
export async function storeEvidenceFile(dir: string, bytes: Uint8Array): Promise<StoredEvidenceFile> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const target = evidenceFilePath(dir, sha256);
  const stored = { sha256, sizeBytes: bytes.byteLength, path: target };
  if (await isFileOfSize(target, bytes.byteLength)) return stored;
  await mkdir(path.dirname(target), { recursive: true, mode: 0o750 });
  const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temporary, 'wx', 0o640);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return stored;
}

async function isFileOfSize(file: string, size: number): Promise<boolean> {
  try {
    const info = await stat(file);
    return info.isFile() && info.size === size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * The types accepted as evidence, by the MIME type file-type reports: PDF, photos (JPEG, PNG,
 * WebP, HEIC/HEIF, GIF), Office documents (docx, xlsx, pptx; older .doc/.xls/.ppt are
 * application/x-cfb) and OpenDocument text and spreadsheets.
 */
export const ACCEPTED_EVIDENCE_TYPES: ReadonlyMap<string, string> = new Map([
  ['application/pdf', 'pdf'],
  ['image/jpeg', 'jpg'],
  ['image/png', 'png'],
  ['image/webp', 'webp'],
  ['image/heic', 'heic'],
  ['image/heif', 'heif'],
  ['image/gif', 'gif'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
  ['application/vnd.openxmlformats-officedocument.presentationml.presentation', 'pptx'],
  ['application/x-cfb', 'doc'],
  ['application/vnd.oasis.opendocument.text', 'odt'],
  ['application/vnd.oasis.opendocument.spreadsheet', 'ods'],
]);

/**
 * The file's type read from its content, when it is one of ACCEPTED_EVIDENCE_TYPES; null for
 * anything else (HTML, scripts, executables, plain text, archives…), whatever its name says.
 */
export async function sniffEvidenceType(bytes: Uint8Array): Promise<{ mime: string; ext: string } | null> {
  const found = await fileTypeFromBuffer(bytes);
  if (!found || !ACCEPTED_EVIDENCE_TYPES.has(found.mime)) return null;
  // The usual extension of the type (file-type says "cfb" for old Office files).
  return { mime: found.mime, ext: ACCEPTED_EVIDENCE_TYPES.get(found.mime) ?? found.ext };
}
