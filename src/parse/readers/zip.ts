// The zip container of .docx and .xlsx, read by us before any library sees it. The central directory says how
// many entries there are and how large each unpacks, so a zip bomb is refused before a byte is inflated; then
// each entry is inflated with its declared size as a hard cap (declared sizes can lie), and the readers get a
// clean, stored copy holding only the parts they need (no differential between our view and the library's).
import { inflateRawSync } from "node:zlib";
import { PlanInputError } from "../errors.ts";
import type { ReadBudget } from "./limits.ts";

export type ZipKind = "docx" | "xlsx" | "both" | "other";

export type ZipEntry = {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  /** The unpacked size the central directory declares. */
  size: number;
  localOffset: number;
};

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;
const ARCHIVE_NAME = /\.(zip|docx|docm|xlsx|xlsm|pptx|odt|ods|jar|7z|rar|gz|tgz|bz2|xz|cab)$/i;

class Corrupt extends Error {}

export class ZipArchive {
  private readonly byName = new Map<string, ZipEntry>();
  private readonly cache = new Map<string, Uint8Array>();
  private inflated = 0;

  private constructor(
    private readonly bytes: Uint8Array,
    private readonly view: DataView,
    readonly entries: readonly ZipEntry[],
    private readonly budget: ReadBudget,
  ) {
    for (const entry of entries) this.byName.set(entry.name, entry);
  }

  /** Reads the central directory and checks entry count, declared sizes and nested archives against the budget. */
  static open(bytes: Uint8Array, budget: ReadBudget): ZipArchive {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    try {
      const entries = readCentralDirectory(bytes, view, budget);
      return new ZipArchive(bytes, view, entries, budget);
    } catch (error) {
      if (error instanceof Corrupt || error instanceof RangeError) throw corrupt(budget.fileName, error.message);
      throw error;
    }
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  kind(): ZipKind {
    const docx = this.has("word/document.xml");
    const xlsx = this.has("xl/workbook.xml");
    if (docx && xlsx) return "both";
    if (docx) return "docx";
    if (xlsx) return "xlsx";
    return "other";
  }

  /** The entry's unpacked bytes; never more than it declared, nor more than the budget's running total allows. */
  read(name: string): Uint8Array | undefined {
    const entry = this.byName.get(name);
    if (!entry) return undefined;
    const cached = this.cache.get(name);
    if (cached) return cached;
    this.inflated += entry.size;
    this.budget.cap("unpackedBytes", this.inflated, () => `more than ${Math.round(this.inflated / 2 ** 20)} MB`);
    try {
      const data = this.inflate(entry);
      this.cache.set(name, data);
      return data;
    } catch (error) {
      if (error instanceof Corrupt) throw corrupt(this.budget.fileName, error.message);
      if (error instanceof RangeError || (error instanceof Error && "code" in error)) {
        throw corrupt(this.budget.fileName, `"${name}" does not unpack to its declared ${entry.size} bytes`);
      }
      throw error;
    }
  }

  /**
   * A stored (uncompressed) zip of the entries `keep` selects, for a library to open. Only parts that were read
   * and checked are in it, so the library cannot find more than we measured.
   */
  async repack(keep: (entry: ZipEntry) => boolean): Promise<Uint8Array> {
    // Loaded here, not with the module: a text or PDF plan never needs it (some 30 ms of start-up).
    const { default: JSZip } = await import("jszip");
    const out = new JSZip();
    for (const entry of this.entries) {
      if (entry.name.endsWith("/") || !keep(entry)) continue;
      const data = this.read(entry.name);
      if (data) out.file(entry.name, data, { binary: true, createFolders: false });
    }
    return out.generateAsync({ type: "uint8array", compression: "STORE" });
  }

  private inflate(entry: ZipEntry): Uint8Array {
    const { view, bytes } = this;
    if (entry.localOffset + 30 > bytes.length || view.getUint32(entry.localOffset, true) !== LOCAL)
      throw new Corrupt(`the local header of "${entry.name}" is missing`);
    const start =
      entry.localOffset +
      30 +
      view.getUint16(entry.localOffset + 26, true) +
      view.getUint16(entry.localOffset + 28, true);
    const end = start + entry.compressedSize;
    if (end > bytes.length) throw new Corrupt(`"${entry.name}" runs past the end of the file`);
    const data = bytes.subarray(start, end);
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.size) throw new Corrupt(`"${entry.name}" has inconsistent sizes`);
      return data;
    }
    if (entry.method !== 8) throw new Corrupt(`"${entry.name}" uses an unsupported compression method ${entry.method}`);
    if (entry.size === 0) return new Uint8Array();
    // maxOutputLength stops inflating at the declared size: an entry that lies about it is cut off, not unpacked.
    const out = inflateRawSync(data, { maxOutputLength: entry.size });
    if (out.length !== entry.size)
      throw new Corrupt(`"${entry.name}" does not unpack to its declared ${entry.size} bytes`);
    return out;
  }
}

function corrupt(fileName: string, reason: string): PlanInputError {
  return new PlanInputError(fileName, `is a corrupt or unreadable zip file (${reason})`);
}

function readCentralDirectory(bytes: Uint8Array, view: DataView, budget: ReadBudget): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(bytes, view);
  let total = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (total === 0xffff || offset === MAX32) {
    const locator = eocd - 20;
    if (locator >= 0 && view.getUint32(locator, true) === ZIP64_LOCATOR) {
      const at = Number(view.getBigUint64(locator + 8, true));
      if (at + 56 > bytes.length || view.getUint32(at, true) !== ZIP64_EOCD) throw new Corrupt("bad zip64 directory");
      total = Number(view.getBigUint64(at + 32, true));
      offset = Number(view.getBigUint64(at + 48, true));
    }
  }
  budget.cap("zipEntries", total);
  const entries: ZipEntry[] = [];
  let declared = 0;
  let archives = 0;
  let at = offset;
  for (let i = 0; i < total; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL)
      throw new Corrupt("the central directory is cut short");
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    let compressedSize = view.getUint32(at + 20, true);
    let size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let localOffset = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // Zip64: the 32-bit fields saturate and the real values follow, in order, in extra field 0x0001.
    let extra = at + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = view.getUint16(extra, true);
      const length = view.getUint16(extra + 2, true);
      if (id === 0x0001) {
        let p = extra + 4;
        const next = (): number => {
          const v = Number(view.getBigUint64(p, true));
          p += 8;
          return v;
        };
        if (size === MAX32) size = next();
        if (compressedSize === MAX32) compressedSize = next();
        if (localOffset === MAX32) localOffset = next();
      }
      extra += 4 + length;
    }
    if (flags & 1)
      throw new PlanInputError(budget.fileName, `is encrypted ("${name}"); save it again without a password`);
    declared += size;
    budget.cap(
      "unpackedBytes",
      declared,
      () => `${Math.round(declared / 2 ** 20).toLocaleString("en-US")} MB declared`,
    );
    budget.cap(
      "partBytes",
      size,
      () => `"${name}" unpacks to ${Math.round(size / 2 ** 20).toLocaleString("en-US")} MB`,
    );
    if (ARCHIVE_NAME.test(name)) budget.cap("nestedArchives", ++archives);
    entries.push({ name, method, flags, compressedSize, size, localOffset });
    at = extraEnd + commentLength;
  }
  return entries;
}

function findEndOfCentralDirectory(bytes: Uint8Array, view: DataView): number {
  // The record is 22 bytes plus a comment of up to 65,535; it is the last thing in the file.
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) if (view.getUint32(i, true) === EOCD) return i;
  throw new Corrupt("no end of central directory");
}
