"""Presentation shared by the CLI and the web app: agenda lines, the brief, charts.

Sits between the interfaces and ``app``: takes the views ``app`` returns (already masked)
and turns them into text, Markdown, HTML or PDF in the reader's language.
"""
