/* io_encoding.h — the encodings Vietnamese spreadsheets come in, and their
 * conversion to UTF-8.
 *
 * Files made since about 2005 are Unicode. Older ones, and files from older
 * machines, are in one of three 8-bit encodings (DOMAIN §8.6): Windows-1258
 * (Microsoft's, with separate tone marks), TCVN3/ABC (TCVN 5712:1993, the
 * .VnTime fonts of government offices) or VNI (VNI-Times fonts: a base
 * letter followed by a byte for its marks). glibc's iconv reads the first
 * two; VNI is read from its table in data/import/vni.csv. In an XLSX the same
 * legacy text survives as the Latin letters Excel showed for those bytes
 * ("Vieät Nam"), so io_enc_latin_bytes recovers the bytes first.
 *
 * Detection is a guess, made on a sample: bytes that are valid UTF-8 are
 * UTF-8; otherwise the legacy encoding under which the most characters are
 * Vietnamese letters (and the fewest are other symbols) wins, ties going to
 * Windows-1258, then TCVN3. A user who knows better names the encoding. The
 * output of a decoder is UTF-8 but not yet NFC (Windows-1258 writes tones
 * apart); the row reader makes it NFC. */
#ifndef KC_IO_ENCODING_H
#define KC_IO_ENCODING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

typedef enum IoEncoding {
	IO_ENC_UTF8 = 0,
	IO_ENC_CP1258,
	IO_ENC_TCVN3,
	IO_ENC_VNI,
} IoEncoding;

/* "utf-8", "cp1258", "tcvn3", "vni". */
const char *io_enc_name(IoEncoding enc);
/* Reads an encoding a user named: utf-8 (utf8), cp1258 (windows-1258),
 * tcvn3 (abc, tcvn), vni, in any case; KC_EINVAL naming the choices. */
int io_enc_parse(const char *name, IoEncoding *out, Err *e);

/* A converter from one encoding to UTF-8: tables built once, used for
 * every cell. */
typedef struct IoDecoder IoDecoder;

/* *out is a converter for enc, to io_dec_free; KC_EIO if iconv lacks it. */
int io_dec_new(IoDecoder **out, IoEncoding enc, Err *e);
void io_dec_free(IoDecoder *d);
IoEncoding io_dec_encoding(const IoDecoder *d);
/* Appends s[0..len) converted to UTF-8 (copied as is for UTF-8). Bytes the
 * encoding does not define become U+FFFD. */
void io_dec_run(const IoDecoder *d, const char *s, size_t len, Buf *out);

/* Appends the Windows-1252 bytes whose glyphs are the characters of the
 * UTF-8 text s; false, appending nothing, if a character has none (the
 * text is real Unicode, not legacy text seen through a Latin font). */
bool io_enc_latin_bytes(const char *s, size_t len, Buf *out);

/* Guesses the encoding of the bytes s[0..len) (a sample of a file: a
 * sequence cut at its end does not count against UTF-8). */
int io_enc_detect(const char *s, size_t len, IoEncoding *out, Err *e);
/* For the bytes io_enc_latin_bytes recovered from an XLSX's strings: the
 * legacy encoding they read better in than as Latin text, or IO_ENC_UTF8
 * to leave the strings as they are. */
int io_enc_detect_latin(const char *s, size_t len, IoEncoding *out, Err *e);

#endif
