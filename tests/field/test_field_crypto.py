"""File encryption: round trips, wrong passphrase, every kind of tampering, bounded memory."""

from __future__ import annotations

import os
import struct
import tracemalloc
from pathlib import Path

import pytest
from conftest import SHIPPED_KDF

from app.errors import ValidationError
from app.field import crypto
from app.field.crypto import (
    HEADER_SIZE,
    TAG_SIZE,
    NotEncryptedError,
    OperationCancelled,
    TamperedFileError,
    WrongPassphraseError,
    decrypt_file,
    encrypt_file,
    is_encrypted,
)

PASS = "correct horse battery"
CHUNK = 4096


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.fixture
def plain(tmp_path) -> Path:
    path = tmp_path / "plain.bin"
    path.write_bytes(os.urandom(CHUNK * 3 + 123))
    return path


def _encrypted(plain: Path, tmp_path: Path) -> Path:
    return encrypt_file(plain, tmp_path / "secret.enc", PASS, chunk_size=CHUNK)


def _chunks(path: Path) -> tuple[bytes, list[bytes]]:
    data = path.read_bytes()
    head, body = data[:HEADER_SIZE + TAG_SIZE], data[HEADER_SIZE + TAG_SIZE:]
    block = CHUNK + TAG_SIZE
    return head, [body[i:i + block] for i in range(0, len(body), block)]


def test_shipped_kdf_cost_is_scrypt_2_17_8_1():
    assert SHIPPED_KDF == (17, 8, 1)


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, CHUNK * 3])
def test_round_trip_of_every_boundary_size(tmp_path, size):
    src = tmp_path / "in.bin"
    src.write_bytes(os.urandom(size))
    enc = encrypt_file(src, tmp_path / "in.enc", PASS, chunk_size=CHUNK)
    assert is_encrypted(enc) and not is_encrypted(src)
    out = decrypt_file(enc, tmp_path / "out.bin", PASS)
    assert out.read_bytes() == src.read_bytes()
    assert _leftovers(tmp_path) == []


def test_header_records_kdf_parameters_and_fresh_salt(plain, tmp_path):
    first = encrypt_file(plain, tmp_path / "a.enc", PASS, chunk_size=CHUNK).read_bytes()
    second = encrypt_file(plain, tmp_path / "b.enc", PASS, chunk_size=CHUNK).read_bytes()
    magic, version, kdf, log2_n, r, p, salt, prefix, chunk = struct.unpack(
        ">12sBBBII16s8sI", first[:HEADER_SIZE])
    assert (magic, version, kdf, log2_n, r, p, chunk) == (
        b"EDGEDECK-ENC", 1, 1, crypto.SCRYPT_LOG2_N, 8, 1, CHUNK)
    assert first[12 + 3 + 8:HEADER_SIZE - 4] != second[12 + 3 + 8:HEADER_SIZE - 4]
    assert first[HEADER_SIZE:] != second[HEADER_SIZE:]


def test_wrong_passphrase_is_named_and_writes_nothing(plain, tmp_path):
    enc = _encrypted(plain, tmp_path)
    with pytest.raises(WrongPassphraseError, match="Wrong passphrase"):
        decrypt_file(enc, tmp_path / "out.bin", "not the passphrase")
    assert not (tmp_path / "out.bin").exists() and _leftovers(tmp_path) == []


def test_wrong_passphrase_exit_code_is_credentials():
    assert WrongPassphraseError.exit_code == 4


def _expect_tampered(tmp_path: Path, data: bytes, errors=(TamperedFileError,)) -> None:
    bad = tmp_path / "bad.enc"
    bad.write_bytes(data)
    out = tmp_path / "out.bin"
    with pytest.raises(errors):
        decrypt_file(bad, out, PASS)
    assert not out.exists() and _leftovers(tmp_path) == []


def test_flipped_byte_in_a_chunk_is_detected(plain, tmp_path):
    head, chunks = _chunks(_encrypted(plain, tmp_path))
    chunks[1] = chunks[1][:10] + bytes([chunks[1][10] ^ 1]) + chunks[1][11:]
    _expect_tampered(tmp_path, head + b"".join(chunks))


def test_reordered_chunks_are_detected(plain, tmp_path):
    head, chunks = _chunks(_encrypted(plain, tmp_path))
    chunks[0], chunks[1] = chunks[1], chunks[0]
    _expect_tampered(tmp_path, head + b"".join(chunks))


def test_dropped_last_chunk_is_detected(plain, tmp_path):
    head, chunks = _chunks(_encrypted(plain, tmp_path))
    _expect_tampered(tmp_path, head + b"".join(chunks[:-1]))  # ends on a chunk boundary


def test_truncation_inside_a_chunk_is_detected(plain, tmp_path):
    data = _encrypted(plain, tmp_path).read_bytes()
    _expect_tampered(tmp_path, data[:-7])
    _expect_tampered(tmp_path, data[:HEADER_SIZE + TAG_SIZE + 5])


def test_extension_is_detected(plain, tmp_path):
    head, chunks = _chunks(_encrypted(plain, tmp_path))
    _expect_tampered(tmp_path, head + b"".join(chunks) + chunks[-1])
    _expect_tampered(tmp_path, head + b"".join(chunks) + b"\0" * 40)


def test_edited_header_fails_before_any_output(plain, tmp_path):
    data = bytearray(_encrypted(plain, tmp_path).read_bytes())
    data[HEADER_SIZE - 1] ^= 0x01  # chunk size: bound into every tag and the key check
    _expect_tampered(tmp_path, bytes(data), (WrongPassphraseError, TamperedFileError))


def test_forged_kdf_cost_is_refused_without_running_it(plain, tmp_path):
    data = bytearray(_encrypted(plain, tmp_path).read_bytes())
    data[14] = 40  # log2(n): 2**40 would never finish
    _expect_tampered(tmp_path, bytes(data))


def test_not_encrypted_and_short_header(tmp_path, plain):
    with pytest.raises(NotEncryptedError):
        decrypt_file(plain, tmp_path / "out.bin", PASS)
    _expect_tampered(tmp_path, b"EDGEDECK-ENC\x01")


def test_short_passphrase_is_refused(plain, tmp_path):
    with pytest.raises(ValidationError, match="at least"):
        encrypt_file(plain, tmp_path / "x.enc", "short")
    assert not (tmp_path / "x.enc").exists()


def test_cancel_leaves_nothing(plain, tmp_path):
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(OperationCancelled):
        encrypt_file(plain, tmp_path / "x.enc", PASS, cancelled=cancelled, chunk_size=CHUNK)
    assert not (tmp_path / "x.enc").exists() and _leftovers(tmp_path) == []


def test_progress_reaches_the_total(plain, tmp_path):
    seen = []
    encrypt_file(plain, tmp_path / "x.enc", PASS, progress=lambda d, t: seen.append((d, t)),
                 chunk_size=CHUNK)
    assert seen[-1] == (plain.stat().st_size, plain.stat().st_size)


def test_large_file_is_streamed_in_bounded_memory(tmp_path):
    src = tmp_path / "big.bin"
    block = os.urandom(1024 * 1024)
    with src.open("wb") as stream:
        for _ in range(48):
            stream.write(block)
    del block
    tracemalloc.start()
    try:
        enc = encrypt_file(src, tmp_path / "big.enc", PASS)
        _, peak_encrypt = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        out = decrypt_file(enc, tmp_path / "big.out", PASS)
        _, peak_decrypt = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak_encrypt < 8 * 1024 * 1024, peak_encrypt
    assert peak_decrypt < 8 * 1024 * 1024, peak_decrypt
    assert out.stat().st_size == src.stat().st_size
    assert crypto_sha(out) == crypto_sha(src)


def crypto_sha(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def test_unwritable_destination_is_one_clear_error(plain, tmp_path):
    with pytest.raises(Exception, match="does not exist"):
        encrypt_file(plain, tmp_path / "no-such-folder" / "x.enc", PASS)
