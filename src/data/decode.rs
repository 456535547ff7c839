//! Byte-level helpers: UTF-8 with a Latin-1 fallback, gzip detection by magic bytes, and the
//! small look-ahead the reader needs to detect compression and sniff the format of a stream.

use std::io::{self, Read};

/// The two magic bytes every gzip member starts with (RFC 1952).
pub const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// The UTF-8 encoding of U+FEFF, the byte order mark some editors put at the start of a file.
pub const UTF8_BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

/// How many bytes the format sniffer looks at, at most, to find the first line.
const SNIFF_LIMIT: usize = 64 * 1024;

/// Decodes `bytes` as UTF-8 if they are valid UTF-8, and as Latin-1 (ISO-8859-1: every byte
/// becomes the code point of the same value) otherwise.
///
/// Returns the text and `true` when the Latin-1 fallback was used. Never fails: every byte
/// sequence is valid Latin-1.
pub fn decode_text(bytes: &[u8]) -> (String, bool) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), false),
        Err(_) => (bytes.iter().map(|&b| char::from(b)).collect(), true),
    }
}

/// `true` when `bytes` starts with the gzip magic number `1f 8b`.
///
/// Compression is recognised by content, not by file name, so a gzip file called `train.csv`
/// and a plain file called `train.csv.gz` are both read correctly.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&GZIP_MAGIC)
}

/// Reads from `reader` into `buf` until `buf` holds at least `want` bytes or the stream ends.
fn fill_to<R: Read>(reader: &mut R, buf: &mut Vec<u8>, want: usize) -> io::Result<()> {
    let mut chunk = [0u8; 8192];
    while buf.len() < want {
        let len = (want - buf.len()).min(chunk.len());
        let n = match reader.read(&mut chunk[..len]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        buf.extend_from_slice(&chunk[..n]);
    }
    Ok(())
}

/// A stream whose first bytes have been read ahead (to be inspected) and are replayed.
pub(crate) type Peeked<'a> = io::Chain<io::Cursor<Vec<u8>>, Box<dyn Read + 'a>>;

/// Opens `reader` for text parsing: transparently gunzips it when it starts with the gzip
/// magic (concatenated members are all read), drops a leading UTF-8 byte order mark, and reads
/// ahead up to the end of the first non-blank line (at most 64 KiB).
///
/// Returns the read-ahead bytes (BOM removed; for sniffing) and a reader that yields the whole
/// decompressed content, BOM removed, from the start. Nothing beyond the read-ahead is read.
pub(crate) fn open_text<'a, R: Read + 'a>(reader: R) -> io::Result<(Vec<u8>, Peeked<'a>)> {
    let mut reader: Box<dyn Read + 'a> = Box::new(reader);
    let mut head = Vec::new();
    fill_to(&mut reader, &mut head, GZIP_MAGIC.len())?;
    if is_gzip(&head) {
        let raw = io::Cursor::new(head).chain(reader);
        reader = Box::new(flate2::read::MultiGzDecoder::new(raw));
        head = Vec::new();
    }
    // Read ahead until a line with content has ended, the stream ends, or the limit is hit.
    loop {
        let before = head.len();
        fill_to(&mut reader, &mut head, (before + 8192).min(SNIFF_LIMIT))?;
        if has_content_line(&head) || head.len() == before || head.len() >= SNIFF_LIMIT {
            break;
        }
    }
    if head.starts_with(&UTF8_BOM) {
        head.drain(..UTF8_BOM.len());
    }
    let replay = io::Cursor::new(head.clone());
    Ok((head, replay.chain(reader)))
}

/// `true` when `head` holds a complete line (ended by `\n`) with a non-whitespace byte.
fn has_content_line(head: &[u8]) -> bool {
    match head.iter().position(|b| !b.is_ascii_whitespace()) {
        Some(start) => head[start..].contains(&b'\n'),
        None => false,
    }
}

/// The first line of `head` that holds a non-whitespace byte, without its line ending (or
/// all of the rest when no line ending was read). Empty when there is no such line.
pub(crate) fn first_content_line(head: &[u8]) -> &[u8] {
    let Some(start) = head.iter().position(|b| !b.is_ascii_whitespace()) else {
        return &[];
    };
    let line_start = head[..start]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let rest = &head[line_start..];
    let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
    let line = &rest[..end];
    line.strip_suffix(b"\r").unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use super::super::test_util::gzip;
    use super::*;

    fn read_all(r: impl Read) -> Vec<u8> {
        let mut out = Vec::new();
        let mut r = r;
        r.read_to_end(&mut out).unwrap();
        out
    }

    #[test]
    fn utf8_is_kept_and_latin1_is_the_fallback() {
        assert_eq!(
            decode_text("café ✓".as_bytes()),
            ("café ✓".to_string(), false)
        );
        assert_eq!(
            decode_text(b"caf\xe9 \xff\x80"),
            ("café ÿ\u{80}".to_string(), true)
        );
        assert_eq!(decode_text(b""), (String::new(), false));
    }

    #[test]
    fn gzip_magic() {
        assert!(is_gzip(&[0x1f, 0x8b, 8]));
        assert!(!is_gzip(&[0x1f]));
        assert!(!is_gzip(b"label,text"));
    }

    #[test]
    fn open_text_replays_everything_and_strips_the_bom() {
        let plain = b"\xEF\xBB\xBFlabel,text\na,b\n";
        let (head, r) = open_text(&plain[..]).unwrap();
        assert_eq!(head, b"label,text\na,b\n");
        assert_eq!(read_all(r), b"label,text\na,b\n");
    }

    #[test]
    fn open_text_gunzips_concatenated_members() {
        let mut two = gzip(b"label,text\n");
        two.extend(gzip(b"x,y\n"));
        let (head, r) = open_text(&two[..]).unwrap();
        assert!(head.starts_with(b"label,text\n"));
        assert_eq!(read_all(r), b"label,text\nx,y\n");
    }

    #[test]
    fn open_text_reads_ahead_only_to_the_first_line_on_long_input() {
        let mut long = b"label,text\n".to_vec();
        long.extend(std::iter::repeat_n(b'x', 1 << 20));
        let (head, r) = open_text(&long[..]).unwrap();
        assert!(head.len() < SNIFF_LIMIT + 1);
        assert_eq!(read_all(r).len(), long.len());
    }

    #[test]
    fn first_line_skips_blank_lines_and_strips_cr() {
        assert_eq!(first_content_line(b"\n  \r\na\tb\r\nc"), b"a\tb");
        assert_eq!(first_content_line(b"abc"), b"abc");
        assert_eq!(first_content_line(b" \n\t"), b"");
    }

    #[test]
    fn broken_gzip_is_an_io_error_not_a_panic() {
        let mut z = gzip(b"label,text\nx,y\n");
        z.truncate(12);
        let res = open_text(&z[..]).and_then(|(_, r)| {
            let mut r = r;
            let mut v = Vec::new();
            r.read_to_end(&mut v).map(|_| v)
        });
        assert!(res.is_err());
    }
}
