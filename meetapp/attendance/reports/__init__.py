"""The attendance report of a meeting: per session, the charts' counts and the full list with each invitee's
status; exported as CSV, XLSX and PDF, plus the pre-printed sign-in sheet for a paper fallback.

``data`` gathers the report in a fixed number of queries (whatever the number of participants); ``spreadsheets``
and ``pdf`` only lay it out.
"""
