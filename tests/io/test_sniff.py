import codecs
import gzip

import pytest

from cxtext.io import read_table, sniff
from cxtext.io.sniff import detect_encoding, header_fields, read_text_sample, sniff_delimiter


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("id,text\n1,café naïve “quoted”\n".encode(), "utf-8-sig"),
        (codecs.BOM_UTF8 + "id,text\n1,é\n".encode(), "utf-8-sig"),
        ("id\ttext\n1,é\n".encode("utf-16"), "utf-16"),
        ("id,text\n1,café “smart” – naïve €\n".encode("cp1252"), "cp1252"),
        # 0x81 is undefined in cp1252 and 0xe9 is invalid UTF-8 here -> latin-1
        (b"id,text\n1,caf\xe9\x81\n", "latin-1"),
        (b"id,text\n1,plain ascii\n", "utf-8-sig"),
        (b"id,text\n1,\xc3", "cp1252"),  # UTF-8 cut off at EOF; 0xc3 is fine in cp1252
    ],
)
def test_detect_encoding(tmp_path, data, expected):
    p = tmp_path / "f.csv"
    p.write_bytes(data)
    assert detect_encoding(p) == expected


def test_detect_encoding_streams_across_blocks(tmp_path, monkeypatch):
    # Multi-byte characters split across tiny blocks must not look invalid,
    # and a bad byte far beyond the first block must still be found.
    monkeypatch.setattr(sniff, "_BLOCK", 5)
    p = tmp_path / "f.csv"
    p.write_bytes(("é€" * 50).encode("utf-8"))
    assert detect_encoding(p) == "utf-8-sig"
    p.write_bytes(("é" * 50).encode("utf-8") + "é".encode("cp1252"))
    assert sniff.scan_encoding(p) == ("utf-8-sig", sniff.CP1252_FALLBACK, 1, (1,))  # mostly UTF-8
    p.write_bytes(("é" * 50).encode("cp1252") + "é".encode())
    assert detect_encoding(p) == "cp1252"


def test_detect_encoding_gzip(tmp_path):
    p = tmp_path / "f.csv.gz"
    p.write_bytes(gzip.compress("a\ncafé\n".encode("cp1252")))
    assert detect_encoding(p, "gzip") == "cp1252"


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("id,comment\n1,hello\n2,bye\n", ","),
        ('id;comment\n1;"fast, friendly"\n2;slow, rude, late\n', ";"),
        ("id\tcomment\n1\ta, b; c\n", "\t"),
        ("id|comment|nps\n1|good, great|9\n", "|"),
        ('id,comment\n1,"a;b;c;d"\n2,"x|y|z"\n', ","),
        ("comment\nno delimiter here\n", ","),
        ("", ","),
    ],
)
def test_sniff_delimiter(sample, expected):
    assert sniff_delimiter(sample) == expected


def test_sniff_ignores_cut_off_last_record():
    sample = "a;b\n1;2\n3;" + '"x,y,z,w,v,u'  # cut inside a quoted field
    assert sniff_delimiter(sample, complete=False) == ";"


def test_sample_and_header(tmp_path):
    p = tmp_path / "f.csv"
    p.write_text("a;b;a\n" + "1;2;3\n" * 10, encoding="utf-8")
    sample, complete = read_text_sample(p, "utf-8", size=8)
    assert sample == "a;b;a\n1;" and not complete
    assert header_fields(sample, ";") == ["a", "b", "a"]
    assert read_text_sample(p, "utf-8")[1] is True


def test_mostly_utf8_file_is_utf8_with_cp1252_fallback(tmp_path, monkeypatch):
    """One line typed in Excel (cp1252 ’) must not make the whole UTF-8 file cp1252."""
    monkeypatch.setattr(sniff, "_BLOCK", 4)  # lines and characters split across reads
    p = tmp_path / "f.csv"
    p.write_bytes(
        "id,text\n1,Café crème\n2,“quoted” 😀\n".encode() + b"3,it\x92s\n4,ok\n5,don\x92t"
    )
    scan = sniff.scan_encoding(p)
    assert scan == ("utf-8-sig", sniff.CP1252_FALLBACK, 2, (4, 6))
    assert detect_encoding(p) == "utf-8-sig"
    text = p.read_bytes().decode(scan.encoding, scan.errors)
    assert "Café crème" in text and "“quoted” 😀" in text and "it’s" in text and "don’t" in text


def test_cp1252_fallback_handler_maps_each_bad_byte(tmp_path):
    # 0xe9 then ASCII, a cut-off 3-byte sequence, and 0x81 (undefined in cp1252 -> Latin-1)
    data = b"caf\xe9 \xe2\x80x \x81 \xc3\xa9"
    p = tmp_path / "a.csv"
    p.write_bytes("text\ndéjà vu, crème brûlée, naïve\n".encode() + data + b"\n")
    assert sniff.scan_encoding(p).errors == sniff.CP1252_FALLBACK  # registers the handler
    assert data.decode("utf-8", sniff.CP1252_FALLBACK) == "café â€x \x81 é"


def test_mostly_cp1252_file_stays_cp1252(tmp_path):
    # One line that happens to be valid UTF-8 ("Ã©") does not outvote two cp1252 lines.
    p = tmp_path / "f.csv"
    p.write_bytes("id,text\n1,café\n2,naïve\n".encode("cp1252") + b"3,\xc3\xa9\n")
    assert sniff.scan_encoding(p) == ("cp1252", "strict", 0, ())


def test_bom_file_with_a_cp1252_line_is_utf8(tmp_path):
    p = tmp_path / "f.csv"
    p.write_bytes(codecs.BOM_UTF8 + b"id,text\n1,caf\xe9\n")
    assert sniff.scan_encoding(p) == ("utf-8-sig", sniff.CP1252_FALLBACK, 1, (2,))


@pytest.mark.parametrize(("data", "expected"), [
    # UTF-8 and a cp1252 byte on the same line (one edited row holding both é and ’)
    (b"id,text\n1,ok\n2,caf\xc3\xa9 cr\xc3\xa8me but it\x92s slow\n3,fine\n",
     ("utf-8-sig", sniff.CP1252_FALLBACK, 1, (3,))),
    # old Mac line ends (a lone CR): lines are still told apart
    ("id,text\r1,café\r".encode() + b"2,it\x92s\r" + "3,naïve\r4,x\x92\r".encode("utf-8", "surrogateescape"),
     ("utf-8-sig", sniff.CP1252_FALLBACK, 1, (3,))),
    # CRLF split between two blocks does not count an extra line
    (b"id,text\r\n" + "1,café\r\n2,crème\r\n".encode() + b"3,it\x92s\r\n",
     ("utf-8-sig", sniff.CP1252_FALLBACK, 1, (4,))),
])
def test_mostly_utf8_votes_by_characters(tmp_path, data, expected):
    p = tmp_path / "m.csv"
    p.write_bytes(data)
    assert sniff.scan_encoding(p) == expected


def test_mostly_utf8_votes_across_tiny_blocks(tmp_path, monkeypatch):
    monkeypatch.setattr(sniff, "_BLOCK", 3)  # CRs, multi-byte characters and lines cut anywhere
    p = tmp_path / "m.csv"
    p.write_bytes(b"id,text\r\n" + "1,café\r\n2,crème brûlée\r\n".encode() + b"3,it\x92s\r\n4,ok\r5,\x92\n")
    assert sniff.scan_encoding(p) == ("utf-8-sig", sniff.CP1252_FALLBACK, 2, (4, 6))


def test_cp1252_file_with_a_utf8_quote_stays_cp1252(tmp_path):
    # ” in UTF-8 is E2 80 9D: its 0x9D (undefined in cp1252) is valid UTF-8 there, not a Latin-1 hint
    p = tmp_path / "c.csv"
    p.write_bytes("id,text\n1,it’s\n2,café\n3,don’t\n".encode("cp1252") + "4,“hi”\n".encode())
    assert sniff.scan_encoding(p) == ("cp1252", sniff.CP1252_FALLBACK, 0, ())
    assert read_table(p)["text"].tolist()[:3] == ["it’s", "café", "don’t"]


def test_a_tie_is_read_as_utf8(tmp_path):
    p = tmp_path / "m.csv"
    p.write_bytes(b"id,text\n1,ok\n2,caf\xc3\xa9 but it\x92s slow\n")
    assert read_table(p)["text"].tolist() == ["ok", "café but it’s slow"]
    p.write_bytes(b"id,text\n1,it\x92s\n")  # no UTF-8 character at all: cp1252
    assert detect_encoding(p) == "cp1252"
