"""Knowledge base: ingest manuals into collections and find the passages that answer a question.

extract (file -> paragraphs with page and headings), chunking (paragraphs -> overlapping
passages), service (KnowledgeService: storage in SQLite, FTS5 search, audit). Plain Python: the
UI and CLI call the service.
"""
