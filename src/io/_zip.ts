/**
 * A bounded zip reader for REFI-QDA projects. It reads the central directory itself, so that every
 * entry's declared size, path and count can be checked before anything is inflated, and inflates
 * with fflate in small steps, stopping as soon as an entry produces more than it declared. A zip
 * bomb therefore costs at most one step of work, never the memory it asks for.
 *
 * Refused (each an `InputError`): a file that is not a zip or is cut short (`ZIP_BROKEN`), an entry
 * whose path leaves the archive (`ZIP_UNSAFE_PATH`), too many entries (`ZIP_TOO_MANY_ENTRIES`),
 * an entry that declares or inflates to more than the limits (`ZIP_BOMB`), encrypted entries or
 * unknown compression (`ZIP_UNSUPPORTED`).
 */
import { Inflate } from "fflate";
import { InputError } from "../model/errors.js";

export interface ZipLimits {
  /** Most entries the central directory may list. */
  maxEntries: number;
  /** Most bytes one extracted entry may have (declared and actual). */
  maxEntryBytes: number;
  /** Most bytes all extracted entries together may have. */
  maxTotalBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 512 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
};

export interface ZipEntry {
  /** The path inside the archive, with `/` separators. */
  name: string;
  /** 0 = stored, 8 = deflate. */
  method: number;
  compressedSize: number;
  /** Uncompressed size as declared by the central directory. */
  size: number;
  crc: number;
  encrypted: boolean;
  localHeaderOffset: number;
}

export interface ZipArchive {
  entries: ZipEntry[];
  /** Extract one entry, checking its size against the limits and its CRC. */
  read(entry: ZipEntry): Uint8Array;
}

/** Inflate input in steps of this many compressed bytes (≤ ~66 MB of output per step). */
const STEP = 64 * 1024;

const u16 = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number): number => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16)) + b[o + 3]! * 0x1000000;
const u64 = (b: Uint8Array, o: number): number => u32(b, o) + u32(b, o + 4) * 0x100000000;

/** True when the bytes start like a zip file (local header or empty archive). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b &&
    ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

/**
 * Read the central directory of `bytes` and return the entries plus a bounded extractor.
 * `file` is the path as the user gave it, used in error messages.
 */
export function openZip(bytes: Uint8Array, file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipArchive {
  const broken = (what: string): InputError =>
    new InputError("ZIP_BROKEN", `the file is not a readable zip archive (${what})`, {
      file,
      hint: "export the project again from your QDA program; a .qdpx file must be copied whole (it may be truncated)",
    });
  const need = (offset: number, length: number, what: string): void => {
    if (!(offset >= 0 && length >= 0 && offset + length <= bytes.length)) throw broken(what);
  };

  let eocd = -1;
  for (let o = bytes.length - 22; o >= 0 && o >= bytes.length - 22 - 0xffff; o--) {
    if (u32(bytes, o) === 0x06054b50) { eocd = o; break; }
  }
  if (eocd < 0) throw broken("no end-of-archive record");
  let count = u16(bytes, eocd + 10);
  let cdOffset = u32(bytes, eocd + 16);
  if (eocd >= 20 && u32(bytes, eocd - 20) === 0x07064b50) {
    const z = u64(bytes, eocd - 12);
    need(z, 56, "zip64 record outside the file");
    if (u32(bytes, z) !== 0x06064b50) throw broken("bad zip64 record");
    count = u64(bytes, z + 32);
    cdOffset = u64(bytes, z + 48);
  }
  if (count > limits.maxEntries) {
    throw new InputError("ZIP_TOO_MANY_ENTRIES", `the archive lists ${count} entries, more than the ${limits.maxEntries} allowed`, {
      file,
      hint: "a REFI-QDA project has a project.qde and its source files; check that this is the right file",
    });
  }

  const entries: ZipEntry[] = [];
  const nameDecoder = new TextDecoder("utf-8");
  let o = cdOffset;
  for (let i = 0; i < count; i++) {
    need(o, 46, "central directory outside the file");
    if (u32(bytes, o) !== 0x02014b50) throw broken("bad central directory entry");
    const flags = u16(bytes, o + 8);
    const method = u16(bytes, o + 10);
    const crc = u32(bytes, o + 16);
    let compressedSize = u32(bytes, o + 20);
    let size = u32(bytes, o + 24);
    const nameLength = u16(bytes, o + 28);
    const extraLength = u16(bytes, o + 30);
    const commentLength = u16(bytes, o + 32);
    let localHeaderOffset = u32(bytes, o + 42);
    need(o + 46, nameLength + extraLength + commentLength, "central directory entry outside the file");
    const name = nameDecoder.decode(bytes.subarray(o + 46, o + 46 + nameLength));
    // zip64: the fields set to 0xFFFFFFFF are in extra field 0x0001, in this order.
    if (size === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      let e = o + 46 + nameLength;
      const end = e + extraLength;
      while (e + 4 <= end) {
        const id = u16(bytes, e);
        const len = u16(bytes, e + 2);
        if (id === 1) {
          let p = e + 4;
          if (size === 0xffffffff) { size = u64(bytes, p); p += 8; }
          if (compressedSize === 0xffffffff) { compressedSize = u64(bytes, p); p += 8; }
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(bytes, p);
          break;
        }
        e += 4 + len;
      }
    }
    checkPath(name, file);
    entries.push({ name, method, compressedSize, size, crc, encrypted: (flags & 1) === 1, localHeaderOffset });
    o += 46 + nameLength + extraLength + commentLength;
  }

  let total = 0;
  const read = (entry: ZipEntry): Uint8Array => {
    const bomb = (what: string): InputError =>
      new InputError("ZIP_BOMB", `entry "${entry.name}" ${what}`, {
        file,
        where: entry.name,
        hint: "this archive would expand to more than intercoder reads from a project; if it is a real export, remove large media files from it",
      });
    if (entry.encrypted) {
      throw new InputError("ZIP_UNSUPPORTED", `entry "${entry.name}" is encrypted`, { file, where: entry.name, hint: "export the project without a password" });
    }
    if (entry.size > limits.maxEntryBytes) throw bomb(`declares ${entry.size} bytes, more than the ${limits.maxEntryBytes} allowed`);
    if (total + entry.size > limits.maxTotalBytes) throw bomb(`would bring the extracted total to ${total + entry.size} bytes, more than the ${limits.maxTotalBytes} allowed`);
    const h = entry.localHeaderOffset;
    need(h, 30, "local header outside the file");
    if (u32(bytes, h) !== 0x04034b50) throw broken(`bad local header for "${entry.name}"`);
    const start = h + 30 + u16(bytes, h + 26) + u16(bytes, h + 28);
    need(start, entry.compressedSize, `data of "${entry.name}" outside the file`);
    const data = bytes.subarray(start, start + entry.compressedSize);
    let out: Uint8Array;
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.size) throw broken(`stored entry "${entry.name}" has two different sizes`);
      out = data;
    } else if (entry.method === 8) {
      out = inflateBounded(data, entry.size, () => bomb(`inflates to more than the ${entry.size} bytes it declares`), () => broken(`corrupt data in "${entry.name}"`));
    } else {
      throw new InputError("ZIP_UNSUPPORTED", `entry "${entry.name}" uses compression method ${entry.method}; only stored and deflate are supported`, {
        file,
        where: entry.name,
      });
    }
    if (out.length !== entry.size) throw broken(`"${entry.name}" is shorter than it declares`);
    if (crc32(out) !== entry.crc) throw broken(`checksum mismatch in "${entry.name}"`);
    total += out.length;
    return out;
  };
  return { entries, read };
}

/** Refuse names that would leave the archive: absolute, drive letters, `..` segments, NUL. */
function checkPath(name: string, file: string): void {
  const p = name.replace(/\\/g, "/");
  const unsafe = p.startsWith("/") || /^[A-Za-z]:/.test(p) || p.includes("\0") || p.split("/").some((s) => s === "..");
  if (unsafe) {
    throw new InputError("ZIP_UNSAFE_PATH", `entry "${name}" has a path outside the archive`, {
      file,
      where: name,
      hint: "this is not a plain export: a zip entry must not start with / or a drive letter, or contain ..; re-export the project",
    });
  }
}

function inflateBounded(data: Uint8Array, declared: number, bomb: () => InputError, broken: () => InputError): Uint8Array {
  const out = new Uint8Array(declared);
  let written = 0;
  let overflow = false;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > declared) { overflow = true; return; }
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    for (let p = 0; p < data.length; p += STEP) {
      inflater.push(data.subarray(p, Math.min(p + STEP, data.length)), p + STEP >= data.length);
      if (overflow) throw bomb();
    }
    if (data.length === 0) inflater.push(data, true);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw broken();
  }
  if (overflow) throw bomb();
  return written === declared ? out : out.subarray(0, written);
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3, as in zip). */
export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
