//! The zip files of packages, written and read by hand (stored and deflated entries, zip64 sizes
//! and offsets when reading) on top of `flate2`: the `zip` crate cost the app ~10% of its wasm.
//!
//! The writer makes exactly the bytes the `zip` crate (9.x) made with
//! `SimpleFileOptions::default().compression_method(Deflated).last_modified_time(DateTime::default())`
//! — a host test compares the two — so packages stay byte-for-byte what they were.

use std::fmt;
use std::io::{Read, Write};

const LOCAL: u32 = 0x0403_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;
const END64: u32 = 0x0606_4b50;
const END64_LOCATOR: u32 = 0x0706_4b50;
/// 1980-01-01 00:00:00 in MS-DOS form, the `zip` crate's `DateTime::default()`.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;
/// Version 2.0 (deflate), made by Unix.
const VERSION: u16 = 20;
const MADE_BY: u16 = (3 << 8) | VERSION;
/// A regular file, `rw-r--r--`.
const EXTERNAL_ATTRIBUTES: u32 = 0o100_644 << 16;
/// General purpose flag: the name is UTF-8.
const UTF8: u16 = 1 << 11;

/// CRC-32 (IEEE), as zip records it.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, slot) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *slot = c;
    }
    !bytes.iter().fold(!0u32, |c, &b| {
        table[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8)
    })
}

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// A zip of the given files, in order, each deflated (default level), with a fixed timestamp.
/// `None` only for sizes zip cannot hold without zip64 (never the case for a package).
pub fn write(files: &[(&str, Vec<u8>)]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, bytes) in files {
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).ok()?;
        let data = encoder.finish().ok()?;
        let offset = u32::try_from(out.len()).ok()?;
        let crc = crc32(bytes);
        let compressed = u32::try_from(data.len()).ok()?;
        let size = u32::try_from(bytes.len()).ok()?;
        let name_len = u16::try_from(name.len()).ok()?;
        let flags = if name.is_ascii() { 0 } else { UTF8 };
        // The fields a local header and a central-directory entry share.
        let mut common = Vec::with_capacity(26);
        u16le(&mut common, VERSION);
        u16le(&mut common, flags);
        u16le(&mut common, 8);
        u16le(&mut common, DOS_TIME);
        u16le(&mut common, DOS_DATE);
        u32le(&mut common, crc);
        u32le(&mut common, compressed);
        u32le(&mut common, size);
        u16le(&mut common, name_len);
        u16le(&mut common, 0);

        u32le(&mut out, LOCAL);
        out.extend_from_slice(&common);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&data);

        u32le(&mut central, CENTRAL);
        u16le(&mut central, MADE_BY);
        central.extend_from_slice(&common);
        u16le(&mut central, 0); // comment length
        u16le(&mut central, 0); // disk
        u16le(&mut central, 0); // internal attributes
        u32le(&mut central, EXTERNAL_ATTRIBUTES);
        u32le(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let count = u16::try_from(files.len()).ok()?;
    let central_offset = u32::try_from(out.len()).ok()?;
    let central_len = u32::try_from(central.len()).ok()?;
    out.extend_from_slice(&central);
    u32le(&mut out, END);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, count);
    u16le(&mut out, count);
    u32le(&mut out, central_len);
    u32le(&mut out, central_offset);
    u16le(&mut out, 0);
    Some(out)
}

/// Why a zip, or an entry of it, cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipError {
    /// Not a zip, or damaged.
    Invalid(&'static str),
    /// A zip feature packages never use (encryption, other compression methods, several disks).
    Unsupported(&'static str),
    /// An entry's data does not unpack to what its header declares.
    Damaged(&'static str),
}

impl fmt::Display for ZipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ZipError::Invalid(m) | ZipError::Unsupported(m) | ZipError::Damaged(m) => {
                f.write_str(m)
            }
        }
    }
}

/// At most this many files in a zip: a package has eight.
pub const MAX_ENTRIES: u64 = 64;

fn le16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn le32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn le64(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(
        b.get(at..at.checked_add(8)?)?.try_into().ok()?,
    ))
}

fn usize_of(v: u64) -> Result<usize, ZipError> {
    usize::try_from(v).map_err(|_| ZipError::Invalid("a size or position is out of range"))
}

/// One entry of the central directory.
#[derive(Debug, Clone)]
struct Entry {
    name: Vec<u8>,
    flags: u16,
    method: u16,
    crc: u32,
    compressed: u64,
    size: u64,
    offset: u64,
}

/// A zip held in memory: its central directory, read once.
#[derive(Debug)]
pub struct Archive<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry>,
}

impl<'a> Archive<'a> {
    /// Reads the central directory of a zip.
    pub fn new(bytes: &'a [u8]) -> Result<Self, ZipError> {
        const NO_END: ZipError = ZipError::Invalid("its end record is missing");
        if bytes.len() < 22 {
            return Err(NO_END);
        }
        // The end record is the last 22 bytes plus a comment of up to 64 KiB.
        let lowest = bytes.len().saturating_sub(22 + 0xFFFF);
        let end = (lowest..=bytes.len() - 22)
            .rev()
            .find(|&i| {
                le32(bytes, i) == Some(END)
                    && le16(bytes, i + 20).map(|c| i + 22 + usize::from(c)) == Some(bytes.len())
            })
            .or_else(|| {
                (lowest..=bytes.len() - 22)
                    .rev()
                    .find(|&i| le32(bytes, i) == Some(END))
            })
            .ok_or(NO_END)?;
        let bad = ZipError::Invalid("its end record is damaged");
        let disk = le16(bytes, end + 4).ok_or(bad.clone())?;
        let cd_disk = le16(bytes, end + 6).ok_or(bad.clone())?;
        let mut count = u64::from(le16(bytes, end + 10).ok_or(bad.clone())?);
        let mut cd_len = u64::from(le32(bytes, end + 12).ok_or(bad.clone())?);
        let mut cd_offset = u64::from(le32(bytes, end + 16).ok_or(bad.clone())?);
        let zip64 = count == 0xFFFF || cd_len == 0xFFFF_FFFF || cd_offset == 0xFFFF_FFFF;
        if zip64 && end >= 20 && le32(bytes, end - 20) == Some(END64_LOCATOR) {
            let bad64 = ZipError::Invalid("its zip64 end record is missing");
            let at = usize_of(le64(bytes, end - 12).ok_or(bad64.clone())?)?;
            if le32(bytes, at) != Some(END64) {
                return Err(bad64);
            }
            count = le64(bytes, at + 32).ok_or(bad64.clone())?;
            cd_len = le64(bytes, at + 40).ok_or(bad64.clone())?;
            cd_offset = le64(bytes, at + 48).ok_or(bad64)?;
        } else if disk != 0 || cd_disk != 0 {
            return Err(ZipError::Unsupported(
                "it spans several disks, which packages never do",
            ));
        }
        let cd_start = usize_of(cd_offset)?;
        let cd_end = cd_start
            .checked_add(usize_of(cd_len)?)
            .filter(|&e| e <= bytes.len())
            .ok_or(ZipError::Invalid("its list of files lies outside the file"))?;
        if count > MAX_ENTRIES {
            return Err(ZipError::Invalid(
                "it lists more than 64 files, and a package has eight",
            ));
        }
        let cd = &bytes[cd_start..cd_end];
        let mut entries: Vec<Entry> = Vec::new();
        let mut at = 0usize;
        let damaged = ZipError::Invalid("an entry of its list of files is damaged");
        for _ in 0..count {
            if le32(cd, at) != Some(CENTRAL) {
                return Err(ZipError::Invalid(
                    "an entry of its list of files is damaged",
                ));
            }
            let field16 = |off: usize| le16(cd, at + off).ok_or(damaged.clone());
            let field32 = |off: usize| le32(cd, at + off).ok_or(damaged.clone());
            let flags = field16(8)?;
            let method = field16(10)?;
            let crc = field32(16)?;
            let mut compressed = u64::from(field32(20)?);
            let mut size = u64::from(field32(24)?);
            let name_len = usize::from(field16(28)?);
            let extra_len = usize::from(field16(30)?);
            let comment_len = usize::from(field16(32)?);
            let mut offset = u64::from(field32(42)?);
            let name_start = at + 46;
            let extra_start = name_start + name_len;
            let next = extra_start + extra_len + comment_len;
            let name = cd.get(name_start..extra_start).ok_or(damaged.clone())?;
            let extra = cd
                .get(extra_start..extra_start + extra_len)
                .ok_or(damaged.clone())?;
            // The zip64 extra field holds, in this order, the values whose 32-bit field is full.
            let mut e = 0usize;
            while e + 4 <= extra.len() {
                let id = le16(extra, e).ok_or(damaged.clone())?;
                let len = usize::from(le16(extra, e + 2).ok_or(damaged.clone())?);
                let body = extra.get(e + 4..e + 4 + len).ok_or(damaged.clone())?;
                if id == 1 {
                    let mut p = 0usize;
                    for v in [&mut size, &mut compressed, &mut offset] {
                        if *v == 0xFFFF_FFFF {
                            *v = le64(body, p).ok_or(damaged.clone())?;
                            p += 8;
                        }
                    }
                }
                e += 4 + len;
            }
            if entries.iter().any(|e| e.name == name) {
                return Err(ZipError::Invalid(
                    "it holds two files of the same name, so which one counts is unclear",
                ));
            }
            entries.push(Entry {
                name: name.to_vec(),
                flags,
                method,
                crc,
                compressed,
                size,
                offset,
            });
            at = next;
        }
        Ok(Archive { bytes, entries })
    }

    /// The uncompressed size the directory declares for `name` (`None`: no such entry).
    pub fn declared_size(&self, name: &str) -> Option<u64> {
        self.entry(name).map(|e| e.size)
    }

    fn entry(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.name == name.as_bytes())
    }

    /// The content of `name`: `Ok(None)` when there is no such entry. At most `limit + 1`
    /// bytes are unpacked, whatever the directory declares (a zip bomb).
    pub fn read(&self, name: &str, limit: u64) -> Result<Option<Vec<u8>>, ZipError> {
        let Some(entry) = self.entry(name) else {
            return Ok(None);
        };
        if entry.flags & 1 != 0 {
            return Err(ZipError::Unsupported(
                "it is encrypted, which packages never are",
            ));
        }
        let header = usize_of(entry.offset)?;
        if le32(self.bytes, header) != Some(LOCAL) {
            return Err(ZipError::Invalid("its local header is missing"));
        }
        let bad = ZipError::Invalid("its local header is damaged");
        let name_len = usize::from(le16(self.bytes, header + 26).ok_or(bad.clone())?);
        let extra_len = usize::from(le16(self.bytes, header + 28).ok_or(bad)?);
        // The local header must name the file the list names (else a reader could be shown one
        // file and unpack another).
        if self.bytes.get(header + 30..header + 30 + name_len) != Some(entry.name.as_slice()) {
            return Err(ZipError::Invalid(
                "its local header names another file than the zip's list of files",
            ));
        }
        let start = header + 30 + name_len + extra_len;
        let data = start
            .checked_add(usize_of(entry.compressed)?)
            .and_then(|end| self.bytes.get(start..end))
            .ok_or(ZipError::Invalid("its data lies outside the file"))?;
        let mut out = Vec::new();
        match entry.method {
            0 => out.extend_from_slice(&data[..data.len().min(usize_of(limit)?.saturating_add(1))]),
            8 => {
                flate2::read::DeflateDecoder::new(data)
                    .take(limit.saturating_add(1))
                    .read_to_end(&mut out)
                    .map_err(|_| ZipError::Damaged("its compressed data is damaged"))?;
            }
            _ => {
                return Err(ZipError::Unsupported(
                    "it is compressed in a way packages never are",
                ))
            }
        }
        if (out.len() as u64) <= limit {
            if out.len() as u64 != entry.size {
                return Err(ZipError::Damaged(
                    "it unpacks to another size than the zip declares",
                ));
            }
            if crc32(&out) != entry.crc {
                return Err(ZipError::Damaged(
                    "its CRC-32 does not match: the data is damaged",
                ));
            }
        }
        Ok(Some(out))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn files() -> Vec<(&'static str, Vec<u8>)> {
        let noise: Vec<u8> = (0..200_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        vec![
            ("manifest.json", b"{\"a\":1}".repeat(100)),
            ("empty.txt", Vec::new()),
            ("b\u{e9}.txt", b"hello".to_vec()),
            ("noise.bin", noise),
        ]
    }

    /// What the `zip` crate made for packages before this module replaced it.
    fn by_zip_crate(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default());
        for (name, bytes) in files {
            writer.start_file(*name, options).unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn writes_the_bytes_the_zip_crate_wrote() {
        let files = files();
        assert_eq!(write(&files).unwrap(), by_zip_crate(&files));
        assert_eq!(write(&[]).unwrap(), by_zip_crate(&[]));
    }

    #[test]
    fn reads_what_the_zip_crate_writes_and_checks_it() {
        let files = files();
        let bytes = by_zip_crate(&files);
        let archive = Archive::new(&bytes).unwrap();
        assert_eq!(archive.entries.len(), files.len());
        for (name, content) in &files {
            assert_eq!(archive.declared_size(name), Some(content.len() as u64));
            assert_eq!(archive.read(name, 1 << 20).unwrap().as_ref(), Some(content));
        }
        assert_eq!(archive.read("missing", 10).unwrap(), None);
        // A bounded read stops after limit + 1 bytes.
        assert_eq!(archive.read("noise.bin", 10).unwrap().unwrap().len(), 11);
        // Stored entries too, as other tools write them.
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        w.start_file("a.txt", stored).unwrap();
        w.write_all(b"plain").unwrap();
        let bytes = w.finish().unwrap().into_inner();
        let archive = Archive::new(&bytes).unwrap();
        assert_eq!(archive.read("a.txt", 100).unwrap().unwrap(), b"plain");
        // A flipped byte of data fails the checksum.
        let mut damaged = bytes.clone();
        let at = damaged.windows(5).position(|w| w == b"plain").unwrap();
        damaged[at] = b'P';
        assert_eq!(
            Archive::new(&damaged).unwrap().read("a.txt", 100),
            Err(ZipError::Damaged(
                "its CRC-32 does not match: the data is damaged"
            ))
        );
        assert!(Archive::new(&bytes[..bytes.len() / 2]).is_err());
    }

    #[test]
    fn crc32_is_the_ieee_one() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }
}
