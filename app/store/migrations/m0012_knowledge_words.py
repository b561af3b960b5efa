"""Knowledge base, third part: a word index beside the trigram index.

The trigram index matches any substring, which Chinese needs, but for English it makes "late"
match "isolate" and "plate": common words then match tens of thousands of passages and BM25
ranks them all (p95 ~270 ms at 100k passages). A unicode61 + porter index matches whole words
and their stems ("cleaned" finds "clean"), and its vocabulary table gives each word's document
frequency so words found in most passages can be left out of a query.
"""

from __future__ import annotations

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    db.execute(
        "CREATE VIRTUAL TABLE kb_chunks_words USING fts5("
        " heading, text, content='kb_chunks', content_rowid='id',"
        " tokenize='porter unicode61 remove_diacritics 2')"
    )
    db.execute("CREATE VIRTUAL TABLE kb_chunks_words_vocab USING fts5vocab("
               "kb_chunks_words, 'row')")
    db.execute(
        "CREATE TRIGGER kb_chunks_words_ai AFTER INSERT ON kb_chunks BEGIN"
        " INSERT INTO kb_chunks_words (rowid, heading, text)"
        " VALUES (new.id, new.heading, new.text); END"
    )
    db.execute(
        "CREATE TRIGGER kb_chunks_words_ad AFTER DELETE ON kb_chunks BEGIN"
        " INSERT INTO kb_chunks_words (kb_chunks_words, rowid, heading, text)"
        " VALUES ('delete', old.id, old.heading, old.text); END"
    )
    db.execute(
        "CREATE TRIGGER kb_chunks_words_au AFTER UPDATE ON kb_chunks BEGIN"
        " INSERT INTO kb_chunks_words (kb_chunks_words, rowid, heading, text)"
        " VALUES ('delete', old.id, old.heading, old.text);"
        " INSERT INTO kb_chunks_words (rowid, heading, text)"
        " VALUES (new.id, new.heading, new.text); END"
    )
    db.execute("INSERT INTO kb_chunks_words (kb_chunks_words) VALUES ('rebuild')")
